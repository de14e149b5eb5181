import type { EnrichedChain, Product } from '@deltastream/core/schemas';
import { prepareStrategy } from '@deltastream/core/strategy';
import {
  createSavedStrategyWithinLimit,
  deleteSavedStrategy,
  getSavedStrategy,
  listSavedStrategies,
  type SavedStrategy,
} from '@deltastream/db/queries';
import {
  DeletedStrategyResponseSchema,
  MAX_SAVED_STRATEGIES_PER_USER,
  SaveStrategyRequestSchema,
  SavedStrategyListResponseSchema,
  SavedStrategySchema,
  StrategyIdPathSchema,
  type SavedStrategyJson,
} from '../../contracts/strategies';
import type { WebContext } from '../../server/context';
import { AppError } from '../../server/errors';
import { liveStrategyPnl } from '../../server/live-strategy-pnl';
import { liveChains } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute, json } from '../../server/route';
import { signedInUser } from '../../server/signed-in-user';
import { strategyInMarket, withRequestFields } from '../../server/strategy-market';

const LIVE_PNL =
  "Each comes with its live P&L against the latest chain of its product: `mark_to_market_pnl`, what closing every leg at its mid now would make against its entry price (an underlying leg at spot), and `pnl_at_expiry_at_spot`, the P&L at the nearest expiry should the underlying then stand at today's spot (later legs at the latest IV of their contract). `live` is null when the product has no live chain.";

function savedStrategyJson(
  saved: SavedStrategy,
  product: Product,
  chains: readonly EnrichedChain[],
): SavedStrategyJson {
  return {
    id: saved.id,
    name: saved.name,
    created_at: saved.createdAt.toISOString(),
    strategy: saved.strategy,
    live: liveStrategyPnl(saved.strategy, product, chains),
  };
}

/** Saved strategies with their live P&L, each product's catalogue entry and chains read once. */
async function withLivePnl(ctx: WebContext, saved: readonly SavedStrategy[]): Promise<SavedStrategyJson[]> {
  const symbols = [...new Set(saved.map((entry) => entry.strategy.product))];
  const markets = new Map(
    await Promise.all(
      symbols.map(async (symbol) => {
        const product = await requireProduct(ctx, symbol);
        return [symbol, { product, chains: await liveChains(ctx, product) }] as const;
      }),
    ),
  );
  return saved.map((entry) => {
    const { product, chains } = markets.get(entry.strategy.product)!;
    return savedStrategyJson(entry, product, chains);
  });
}

function noSavedStrategy(): AppError {
  return new AppError('NOT_FOUND', 'no saved strategy with this id', { field: 'id' });
}

export const listStrategiesRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/strategies',
    access: 'user',
    tag: 'Strategies',
    summary: 'List your saved strategies',
    description: `Newest first. ${LIVE_PNL}`,
    response: {
      status: 200,
      description: 'The strategies, with their live P&L.',
      schema: SavedStrategyListResponseSchema,
    },
  },
  async ({ ctx, principal }) => {
    const saved = await listSavedStrategies(ctx.db, signedInUser(principal).userId);
    return { strategies: await withLivePnl(ctx, saved), max_strategies: MAX_SAVED_STRATEGIES_PER_USER };
  },
);

export const saveStrategyRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/strategies',
    access: 'user',
    tag: 'Strategies',
    summary: 'Save a strategy',
    description: `Legs as for POST /api/strategies/analyze: those without an entry price or IV are priced from the live chain now, and the strategy is kept as priced, so its P&L is measured against those entries. It is checked in full against its product and the live market (no expired leg) before anything is written. A user keeps at most ${MAX_SAVED_STRATEGIES_PER_USER}: one more is a 409.`,
    body: SaveStrategyRequestSchema,
    response: { status: 201, description: 'The saved strategy.', schema: SavedStrategySchema },
    errors: [404, 409],
  },
  async ({ ctx, principal, body }) => {
    const product = await requireProduct(ctx, body.product);
    const { strategy, market, chains } = await strategyInMarket(ctx, product, body);
    withRequestFields(() => prepareStrategy(strategy, product, market));
    const saved = await createSavedStrategyWithinLimit(
      ctx.db,
      { userId: signedInUser(principal).userId, name: body.name, strategy },
      MAX_SAVED_STRATEGIES_PER_USER,
    );
    if (!saved) {
      throw new AppError(
        'CONFLICT',
        `at most ${MAX_SAVED_STRATEGIES_PER_USER} saved strategies per user; delete one to save another`,
      );
    }
    return json(savedStrategyJson(saved, product, chains), { status: 201 });
  },
);

export const getStrategyRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/strategies/{id}',
    access: 'user',
    tag: 'Strategies',
    summary: 'Read a saved strategy',
    description: `Yours only: another user's strategy is a 404. ${LIVE_PNL}`,
    params: StrategyIdPathSchema,
    parameterNotes: { id: "The saved strategy's id." },
    response: { status: 200, description: 'The strategy, with its live P&L.', schema: SavedStrategySchema },
    errors: [404],
  },
  async ({ ctx, principal, params }) => {
    const saved = await getSavedStrategy(ctx.db, { userId: signedInUser(principal).userId, id: params.id });
    if (!saved) throw noSavedStrategy();
    const [json] = await withLivePnl(ctx, [saved]);
    return json;
  },
);

export const deleteStrategyRoute = defineRoute(
  {
    method: 'DELETE',
    path: '/api/strategies/{id}',
    access: 'user',
    tag: 'Strategies',
    summary: 'Delete a saved strategy',
    description: "Yours only: another user's strategy is a 404.",
    params: StrategyIdPathSchema,
    parameterNotes: { id: "The saved strategy's id." },
    response: { status: 200, description: 'The strategy is deleted.', schema: DeletedStrategyResponseSchema },
    errors: [404],
  },
  async ({ ctx, principal, params }) => {
    const deleted = await deleteSavedStrategy(ctx.db, {
      userId: signedInUser(principal).userId,
      id: params.id,
    });
    if (!deleted) throw noSavedStrategy();
    return { deleted: true, id: params.id };
  },
);
