import {
  StrategySchema,
  StrategyPresetSchema,
  buildPreset,
  strategyMarketFromChains,
} from '@deltastream/core/strategy';
import { StrategyPresetRequestSchema } from '../../contracts/strategies';
import { liveChains } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { noLiveChain, withRequestFields } from '../../server/strategy-market';

/** A ready-made strategy's legs, built by core's buildPreset from the latest chains around ATM. */
export const strategyPresetRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/strategies/preset',
    access: 'market',
    tag: 'Strategies',
    summary: 'Build a preset strategy from the live chain',
    description: `Legs of a ready-made strategy around the ATM strike of the latest chain of \`expiry\` (default: the nearest live expiry; \`far_expiry\` for calendars and diagonals, default the next one): ${StrategyPresetSchema.options.join(', ')}. Spreads, butterflies and ratio spreads use strikes \`width_steps\` strike steps apart; strangles and the iron condor's short strikes sit near ±1σ (spot × ATM IV × √T, in whole strikes). Entry prices follow the live quotes (ask to buy, bid to sell) and each leg carries its quote's IV: send the answer to POST /api/strategies/analyze, or with a name to POST /api/strategies.`,
    body: StrategyPresetRequestSchema,
    response: { status: 200, description: "The preset's legs, priced.", schema: StrategySchema },
    errors: [404],
  },
  async ({ ctx, body }) => {
    const product = await requireProduct(ctx, body.product);
    const chains = await liveChains(ctx, product);
    if (chains.length === 0) throw noLiveChain(product, 'product');
    const spot = strategyMarketFromChains(chains).spot_price;
    // A contract the live chain lacks (`chains.0.calls…`) is the preset's to answer for.
    return withRequestFields(
      () => buildPreset(body, chains, spot, product.strike_step),
      (field) => (field.startsWith('chains') ? 'preset' : field),
    );
  },
);
