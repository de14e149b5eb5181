/**
 * Strategies in the live market, for the strategy routes: legs priced from the latest chains (cache, else
 * PostgreSQL), the market they are valued in, and core's analytics errors answered as 400s naming the
 * request's field.
 */
import { AnalyticsInputError } from '@deltastream/core/analytics';
import type { EnrichedChain, Product } from '@deltastream/core/schemas';
import {
  StrategySchema,
  strategyMarketFromChains,
  type Strategy,
  type StrategyMarket,
} from '@deltastream/core/strategy';
import type { StrategyAnalysisRequest, StrategyRequest } from '../contracts/strategies';
import { resolveStrategy } from '../contracts/strategy-legs';
import type { WebContext } from './context';
import { AppError } from './errors';
import { liveChains } from './market-data';
import { validationError } from './route';

/**
 * Runs `compute` and answers an AnalyticsInputError as a 400 naming its field; `renamed` maps a field
 * that is not the request's (say, `chains.0.calls` of a preset) to the one that is.
 */
export function withRequestFields<T>(compute: () => T, renamed: (field: string) => string = (f) => f): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof AnalyticsInputError)) throw error;
    const field = renamed(error.field);
    const reason = error.message.slice(error.field.length + 2);
    throw new AppError('VALIDATION_ERROR', `${field}: ${reason}`, { field });
  }
}

export function noLiveChain(product: Product, field: string): AppError {
  return new AppError('NOT_FOUND', `${product.symbol} has no live chain`, { field });
}

export interface StrategyInMarket {
  strategy: Strategy;
  market: StrategyMarket;
  /** The latest chain of each live expiry, when they were read (empty otherwise). */
  chains: EnrichedChain[];
}

/**
 * The request's strategy with every leg priced and the market to value it in. The latest chains are read
 * only when something is left to them: a leg's entry price or IV, the spot or the ATM IVs. The market's
 * fields sent win; `as_of` otherwise is the latest chain's instant, or now when no chain was read.
 */
export async function strategyInMarket(
  ctx: WebContext,
  product: Product,
  request: StrategyRequest & { market?: StrategyAnalysisRequest['market'] },
): Promise<StrategyInMarket> {
  const given = request.market ?? {};
  const needsChains =
    given.spot_price === undefined ||
    given.atm_iv === undefined ||
    request.legs.some(
      (leg) => leg.kind === 'option' && (leg.entry_price === undefined || leg.iv === undefined),
    );
  const chains = needsChains ? await liveChains(ctx, product) : [];
  const latest = chains.length > 0 ? strategyMarketFromChains(chains) : null;
  const spot = given.spot_price ?? latest?.spot_price;
  if (spot === undefined) throw noLiveChain(product, 'market.spot_price');
  const market: StrategyMarket = {
    spot_price: spot,
    as_of: given.as_of ?? latest?.as_of ?? new Date().toISOString(),
    atm_iv: given.atm_iv ?? latest?.atm_iv ?? {},
  };
  const resolved = withRequestFields(() => resolveStrategy(request, chains, spot));
  // Rules on the whole strategy (at least one option leg) are core's.
  const checked = StrategySchema.safeParse(resolved);
  if (!checked.success) throw validationError(checked.error, 'body');
  return { strategy: checked.data, market, chains };
}
