import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedChain } from '@deltastream/core/schemas';
import {
  MAX_STRATEGY_LEGS,
  StrategyAnalysisSchema,
  analyzeStrategy,
  strategyMarketFromChains,
} from '@deltastream/core/strategy';
import type { StrategyAnalysisResponse } from '../../contracts/strategies';
import { simulatedChains, storeChains, testProduct, useMarketTest } from '../../server/market-fixtures';
import { analyzeStrategyRoute } from './analyze';

const product = testProduct();
/** Catalogued, with no chain stored: valued only in a market the caller sends. */
const quiet = testProduct();
const LOT = product.lot_size;
const { web, headers } = useMarketTest([product, quiet]);
let chains: EnrichedChain[];
let near: EnrichedChain;

beforeAll(async () => {
  chains = simulatedChains(product, 1);
  await storeChains(web, chains);
  near = chains.reduce((a, b) => (a.expiry < b.expiry ? a : b));
});

const analyze = (body: unknown) =>
  web.call<StrategyAnalysisResponse & { error: { message: string; field: string } }>(
    analyzeStrategyRoute,
    '/api/strategies/analyze',
    { body, headers },
  );

/** The near chain's quote of a contract, found the way a trader reads the chain. */
function quoteOf(type: 'CALL' | 'PUT', strike: number) {
  const quote = (type === 'CALL' ? near.calls : near.puts).find((q) => q.strike === strike);
  if (!quote) throw new Error(`no ${type} ${strike}`);
  return quote;
}

/** Strikes `steps` strike steps from the near chain's ATM strike. */
const atm = (steps: number) => near.atm_strike + steps * product.strike_step;

function condorLegs() {
  return [
    { kind: 'option', expiry: near.expiry, strike: atm(-4), option_type: 'PUT', side: 'BUY', lots: 1 },
    { kind: 'option', expiry: near.expiry, strike: atm(-2), option_type: 'PUT', side: 'SELL', lots: 1 },
    { kind: 'option', expiry: near.expiry, strike: atm(2), option_type: 'CALL', side: 'SELL', lots: 1 },
    { kind: 'option', expiry: near.expiry, strike: atm(4), option_type: 'CALL', side: 'BUY', lots: 1 },
  ];
}

describe('POST /api/strategies/analyze', () => {
  it('prices legs that name chain strikes from the latest quotes (ask to buy, bid to sell) and analyses them', async () => {
    const { status, body } = await analyze({ product: product.symbol, legs: condorLegs() });
    expect(status).toBe(200);
    const quotes = [
      quoteOf('PUT', atm(-4)),
      quoteOf('PUT', atm(-2)),
      quoteOf('CALL', atm(2)),
      quoteOf('CALL', atm(4)),
    ];
    expect(body.strategy.product).toBe(product.symbol);
    expect(body.strategy.legs.map((leg) => leg.kind === 'option' && [leg.entry_price, leg.iv])).toEqual([
      [quotes[0]!.ask, quotes[0]!.iv],
      [quotes[1]!.bid, quotes[1]!.iv],
      [quotes[2]!.bid, quotes[2]!.iv],
      [quotes[3]!.ask, quotes[3]!.iv],
    ]);
    // The market of the latest chains: spot and instant of the newest, the ATM IV of every expiry.
    expect(body.market).toEqual(strategyMarketFromChains(chains));
    expect(Object.keys(body.market.atm_iv)).toHaveLength(chains.length);

    // A credit condor 100 wide on each side: worked from the quotes alone.
    const credit = quotes[1]!.bid + quotes[2]!.bid - quotes[0]!.ask - quotes[3]!.ask;
    const { analysis } = body;
    expect(StrategyAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.net_premium).toBeCloseTo(-credit * LOT, 9);
    expect(analysis.at_expiry.max_profit).toMatchObject({
      unlimited: false,
      attained: [{ from: atm(-2), to: atm(2) }],
    });
    expect(analysis.at_expiry.max_profit.value).toBeCloseTo(credit * LOT, 9);
    expect(analysis.at_expiry.max_loss.value).toBeCloseTo((credit - 2 * product.strike_step) * LOT, 9);
    expect(analysis.at_expiry.breakevens).toHaveLength(2);
    expect(analysis.at_expiry.breakevens[0]).toBeCloseTo(atm(-2) - credit, 9);
    expect(analysis.at_expiry.breakevens[1]).toBeCloseTo(atm(2) + credit, 9);
    expect(analysis.at_expiry.probability_of_profit).toBeGreaterThan(0);
    expect(analysis.at_expiry.probability_of_profit).toBeLessThan(1);
    expect(analysis.curve.prices).toHaveLength(501);
    // Exactly what core computes for that strategy and market.
    expect(analysis).toEqual(
      analyzeStrategy(
        { strategy: body.strategy, market: body.market, scenario: { days_forward: 0, iv_shift_pct: 0 } },
        product,
      ),
    );
  });

  it('values legs with their own premiums and IVs in the market sent, without any chain', async () => {
    const expiry = near.expiry;
    const { status, body } = await analyze({
      product: quiet.symbol,
      legs: [
        {
          kind: 'option',
          expiry,
          strike: 1_000,
          option_type: 'CALL',
          side: 'BUY',
          lots: 2,
          entry_price: 40,
          iv: 0.2,
        },
      ],
      market: { spot_price: 1_010, as_of: near.timestamp, atm_iv: { [expiry]: 0.2 } },
      grid: [900, 1_000, 1_040, 1_100],
      scenario: { days_forward: 1 },
    });
    expect(status).toBe(200);
    expect(body.market).toEqual({ spot_price: 1_010, as_of: near.timestamp, atm_iv: { [expiry]: 0.2 } });
    const { at_expiry: atExpiry, curve, net_premium: netPremium } = body.analysis;
    expect(netPremium).toBe(2 * 40 * LOT);
    expect(atExpiry.breakevens).toEqual([1_040]);
    expect(atExpiry.max_loss).toEqual({
      unlimited: false,
      value: -2 * 40 * LOT,
      attained: [{ from: 0, to: 1_000 }],
    });
    expect(atExpiry.max_profit).toMatchObject({ unlimited: true, value: null });
    expect(curve.prices).toEqual([900, 1_000, 1_040, 1_100]);
    expect(curve.pnl_at_expiry).toEqual([-2 * 40 * LOT, -2 * 40 * LOT, 0, 2 * 60 * LOT]);
    expect(body.analysis.scenario.days_forward).toBe(1);
  });

  it('takes an underlying leg at spot unless it names its price', async () => {
    const { status, body } = await analyze({
      product: product.symbol,
      legs: [
        { kind: 'option', expiry: near.expiry, strike: atm(0), option_type: 'PUT', side: 'BUY', lots: 1 },
        { kind: 'underlying', side: 'BUY', lots: 1 },
        { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 123 },
      ],
    });
    expect(status).toBe(200);
    expect(body.strategy.legs.slice(1)).toEqual([
      { kind: 'underlying', side: 'BUY', lots: 1, entry_price: body.market.spot_price },
      { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 123 },
    ]);
  });

  const leg = (overrides: object = {}) => ({ ...condorLegs()[0], ...overrides });
  it.each([
    ['no legs', () => ({ legs: [] }), 'legs', 'legs: must hold at least one leg'],
    [
      `${MAX_STRATEGY_LEGS + 1} legs`,
      () => ({ legs: Array.from({ length: MAX_STRATEGY_LEGS + 1 }, () => leg()) }),
      'legs',
      `legs: must hold at most ${MAX_STRATEGY_LEGS} legs`,
    ],
    ['zero lots', () => ({ legs: [leg(), leg({ lots: 0 })] }), 'legs.1.lots', null],
    [
      'a strike the chain does not list',
      () => ({ legs: [leg(), leg(), leg(), leg({ strike: atm(0) + 7 })] }),
      'legs.3.strike',
      () => `legs.3.strike: no such strike in the ${near.expiry} chain`,
    ],
    [
      'an expiry without a live chain',
      () => ({ legs: [leg({ expiry: '2031-01-07' })] }),
      'legs.0.expiry',
      'legs.0.expiry: no live chain for 2031-01-07',
    ],
    [
      'legs of two products',
      () => ({ legs: [leg({ product: product.symbol }), leg({ product: quiet.symbol })] }),
      'legs.1.product',
      `legs.1.product: is ${quiet.symbol}, but the strategy is in ${product.symbol}: one strategy holds one product`,
    ],
    ['a misspelt field', () => ({ legs: [leg({ entryPrice: 10 })] }), 'legs.0', null],
    [
      'no option leg',
      () => ({ legs: [{ kind: 'underlying', side: 'BUY', lots: 1 }] }),
      'legs',
      'legs: needs at least one option leg',
    ],
    [
      'a what-if past the nearest expiry',
      () => ({ legs: [leg()], scenario: { days_forward: 3000 } }),
      'scenario.days_forward',
      null,
    ],
    [
      'an expired leg',
      () => ({ legs: [leg({ expiry: '2020-01-07', entry_price: 10, iv: 0.2 })] }),
      'legs.0.expiry',
      null,
    ],
  ])('refuses %s with a 400 naming the field', async (_case, change, field, message) => {
    const { status, body } = await analyze({ product: product.symbol, ...change() });
    expect(status).toBe(400);
    expect(body.error.field).toBe(field);
    if (message !== null)
      expect(body.error.message).toBe(typeof message === 'function' ? message() : message);
  });

  it('answers 404 for an unknown product, and for one without a chain when the market is left to it', async () => {
    const unknown = await analyze({ product: 'NOSUCHPRODUCT', legs: condorLegs() });
    expect([unknown.status, unknown.body.error.field]).toEqual([404, 'product']);
    const withoutChain = await analyze({
      product: quiet.symbol,
      legs: [leg({ entry_price: 10, iv: 0.2 })],
    });
    expect([withoutChain.status, withoutChain.body.error.field]).toEqual([404, 'market.spot_price']);
  });
});
