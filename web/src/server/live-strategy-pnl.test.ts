import { describe, expect, it } from 'vitest';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import {
  pnlAt,
  prepareStrategy,
  strategyMarketFromChains,
  valueStrategyAt,
  type OptionLeg,
  type Strategy,
} from '@deltastream/core/strategy';
import { flatVolChain } from '@deltastream/core/testing';
import { makeProduct } from '@deltastream/db/testing';
import { liveStrategyPnl } from './live-strategy-pnl';

const product = makeProduct('LIVE', { holidays: [] });
const LOT = product.lot_size;
const AS_OF = '2030-01-02T05:00:00.000Z';
const NEAR = '2030-01-10';
const FAR = '2030-02-07';

function chainAt(expiry: string, volatility: number): EnrichedChain {
  const priced = flatVolChain(product, {
    expiry,
    timestamp: AS_OF,
    seq: 1,
    spot: 24_010,
    volatility,
    strikes: [23_900, 24_000, 24_100],
  });
  return enrichChain(priced, product, NO_CHANGE_BASES, AS_OF);
}
const chains = [chainAt(NEAR, 0.18), chainAt(FAR, 0.22)];

const leg = (overrides: Partial<OptionLeg>): OptionLeg => ({
  kind: 'option',
  expiry: NEAR,
  strike: 24_000,
  option_type: 'CALL',
  side: 'BUY',
  lots: 1,
  entry_price: 100,
  iv: 0.15,
  ...overrides,
});
/** Sold near, bought far, both saved at 15% IV; the far chain now quotes 22%. */
const calendar: Strategy = {
  product: 'LIVE',
  legs: [leg({ side: 'SELL', entry_price: 120 }), leg({ expiry: FAR, entry_price: 260 })],
};

describe('liveStrategyPnl', () => {
  it('marks each leg at its quote’s mid and values later legs at the chain’s IV of their contract', () => {
    const live = liveStrategyPnl(calendar, product, chains)!;
    const [nearMid, farMid] = chains.map((chain) => chain.calls[1]!.mid);
    expect(live.legs).toEqual([
      { mark: nearMid, pnl: -LOT * (nearMid! - 120) },
      { mark: farMid, pnl: LOT * (farMid! - 260) },
    ]);
    expect(live.mark_to_market_pnl).toBeCloseTo(LOT * (farMid! - 260 - nearMid! + 120), 9);
    // The far call at the near expiry, at today's spot, with the 22% the far chain solves now.
    const market = strategyMarketFromChains(chains);
    const atChainIv = (strategy: Strategy) => {
      const model = prepareStrategy(strategy, product, market);
      return pnlAt(valueStrategyAt(model, model.nearestExpiryMs), market.spot_price);
    };
    const farIv = chains[1]!.calls[1]!.iv!;
    expect(farIv).toBeCloseTo(0.22, 9);
    const repriced = { ...calendar, legs: [calendar.legs[0]!, { ...calendar.legs[1]!, iv: farIv }] };
    expect(live.pnl_at_expiry_at_spot).toBe(atChainIv(repriced as Strategy));
    expect(live.pnl_at_expiry_at_spot).not.toBeCloseTo(atChainIv(calendar), 0);
    expect([live.as_of, live.spot_price]).toEqual([AS_OF, 24_010]);
  });

  it('has no mark-to-market while a leg has no quote, but still its payoff at expiry', () => {
    const unlisted: Strategy = { product: 'LIVE', legs: [leg({ strike: 24_050 }), leg({ strike: 24_100 })] };
    const live = liveStrategyPnl(unlisted, product, chains)!;
    expect(live.legs[0]).toEqual({ mark: null, pnl: null });
    expect(live.legs[1]!.pnl).toBeCloseTo(LOT * (chains[0]!.calls[2]!.mid - 100), 9);
    expect(live.mark_to_market_pnl).toBeNull();
    // Both calls out of the money at 24,010: the premiums paid are lost.
    expect(live.pnl_at_expiry_at_spot).toBe(-200 * LOT);
  });

  it('gives no totals once a leg has expired, and nothing without a chain', () => {
    const expired: Strategy = { product: 'LIVE', legs: [leg({ expiry: '2029-12-27' }), leg({})] };
    const live = liveStrategyPnl(expired, product, chains)!;
    expect(live.legs[0]).toEqual({ mark: null, pnl: null });
    expect([live.mark_to_market_pnl, live.pnl_at_expiry_at_spot]).toEqual([null, null]);
    expect(liveStrategyPnl(calendar, product, [])).toBeNull();
  });
});
