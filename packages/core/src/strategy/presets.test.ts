import { describe, expect, it } from 'vitest';
import { enrichChain, NO_CHANGE_BASES } from '../analytics';
import type { EnrichedChain, EnrichedOptionQuote } from '../schemas';
import { flatVolChain } from '../testing/flat-vol-chain';
import { AS_OF, FAR, fieldOf, NEAR, NEAR_YEARS_ACT365, niftyProduct } from '../testing/strategy-fixtures';
import { analyzeStrategy } from './analyze-strategy';
import { StrategyAnalysisSchema } from './analysis-schema';
import { strategyMarketFromChains } from './market-from-chains';
import { PresetRequestSchema, StrategyPresetSchema, buildPreset, type StrategyPreset } from './presets';
import { StrategySchema, type OptionLeg } from './strategy-schema';

const nifty = niftyProduct({ strikes_each_side: 30 });
const SPOT = 21_537;
const STRIKES = Array.from({ length: 61 }, (_, i) => 20_000 + 50 * i);

function chainOf(expiry: string, strikes = STRIKES): EnrichedChain {
  const chain = flatVolChain(nifty, {
    expiry,
    timestamp: AS_OF,
    seq: 1,
    spot: SPOT,
    volatility: 0.16,
    strikes,
  });
  return enrichChain(chain, nifty, NO_CHANGE_BASES, AS_OF);
}
const near = chainOf(NEAR);
const far = chainOf(FAR);

/** The fixture chain's quote of a leg's contract. */
function quoteOf(leg: OptionLeg): EnrichedOptionQuote {
  const chain = leg.expiry === NEAR ? near : far;
  const quote = (leg.option_type === 'CALL' ? chain.calls : chain.puts).find((q) => q.strike === leg.strike);
  if (!quote) throw new Error(`the fixture quotes no ${leg.option_type} at ${leg.strike}`);
  return quote;
}

function build(preset: StrategyPreset, extra: object = {}, chains = [far, near]) {
  return buildPreset(PresetRequestSchema.parse({ preset, ...extra }), chains, SPOT, 50);
}

type Expected = [side: 'BUY' | 'SELL', type: 'CALL' | 'PUT', strike: number, lots?: number, expiry?: string];

// ATM 21,550; width 2 strikes = 100; 1σ = 21,537 × 16% × √(7d 5h / 365) = 484 → 10 strikes = 500.
const EXPECTED: Record<StrategyPreset, Expected[]> = {
  'long-call': [['BUY', 'CALL', 21_550]],
  'short-call': [['SELL', 'CALL', 21_550]],
  'long-put': [['BUY', 'PUT', 21_550]],
  'short-put': [['SELL', 'PUT', 21_550]],
  'bull-call-spread': [
    ['BUY', 'CALL', 21_550],
    ['SELL', 'CALL', 21_650],
  ],
  'bear-call-spread': [
    ['SELL', 'CALL', 21_550],
    ['BUY', 'CALL', 21_650],
  ],
  'bull-put-spread': [
    ['BUY', 'PUT', 21_450],
    ['SELL', 'PUT', 21_550],
  ],
  'bear-put-spread': [
    ['SELL', 'PUT', 21_450],
    ['BUY', 'PUT', 21_550],
  ],
  'long-straddle': [
    ['BUY', 'PUT', 21_550],
    ['BUY', 'CALL', 21_550],
  ],
  'short-straddle': [
    ['SELL', 'PUT', 21_550],
    ['SELL', 'CALL', 21_550],
  ],
  'long-strangle': [
    ['BUY', 'PUT', 21_050],
    ['BUY', 'CALL', 22_050],
  ],
  'short-strangle': [
    ['SELL', 'PUT', 21_050],
    ['SELL', 'CALL', 22_050],
  ],
  'iron-condor': [
    ['BUY', 'PUT', 20_950],
    ['SELL', 'PUT', 21_050],
    ['SELL', 'CALL', 22_050],
    ['BUY', 'CALL', 22_150],
  ],
  'iron-butterfly': [
    ['BUY', 'PUT', 21_050],
    ['SELL', 'PUT', 21_550],
    ['SELL', 'CALL', 21_550],
    ['BUY', 'CALL', 22_050],
  ],
  'long-call-butterfly': [
    ['BUY', 'CALL', 21_450],
    ['SELL', 'CALL', 21_550, 2],
    ['BUY', 'CALL', 21_650],
  ],
  'long-put-butterfly': [
    ['BUY', 'PUT', 21_450],
    ['SELL', 'PUT', 21_550, 2],
    ['BUY', 'PUT', 21_650],
  ],
  'call-ratio-spread': [
    ['BUY', 'CALL', 21_550],
    ['SELL', 'CALL', 21_650, 2],
  ],
  'put-ratio-spread': [
    ['SELL', 'PUT', 21_450, 2],
    ['BUY', 'PUT', 21_550],
  ],
  'calendar-spread': [
    ['SELL', 'CALL', 21_550],
    ['BUY', 'CALL', 21_550, 1, FAR],
  ],
  'diagonal-spread': [
    ['SELL', 'CALL', 21_650],
    ['BUY', 'CALL', 21_550, 1, FAR],
  ],
};

describe('presets around ATM', () => {
  it('the 1σ move of the fixture is 484 points, 10 strikes', () => {
    expect(near.atm_strike).toBe(21_550);
    expect(near.atm_iv).toBeCloseTo(0.16, 9);
    expect(near.time_to_expiry_years).toBeCloseTo(NEAR_YEARS_ACT365, 15);
    expect(SPOT * 0.16 * Math.sqrt(NEAR_YEARS_ACT365)).toBeCloseTo(484.3, 1);
  });

  for (const preset of StrategyPresetSchema.options) {
    it(`${preset}: strikes, sides and lots; buys at the ask, sells at the bid, IV from the chain`, () => {
      const strategy = build(preset, { lots: 3 });
      expect(StrategySchema.parse(strategy)).toEqual(strategy);
      const legs = strategy.legs.map((leg) => {
        if (leg.kind !== 'option') throw new Error('presets build option legs');
        const quote = quoteOf(leg);
        expect(leg.entry_price).toBe(leg.side === 'BUY' ? quote.ask : quote.bid);
        expect(leg.iv).toBe(quote.iv);
        expect(leg.iv).toBeCloseTo(0.16, 9);
        return [leg.side, leg.option_type, leg.strike, leg.lots, leg.expiry];
      });
      expect(legs).toEqual(
        EXPECTED[preset].map(([side, type, strike, ratio = 1, expiry = NEAR]) => [
          side,
          type,
          strike,
          3 * ratio,
          expiry,
        ]),
      );
      expect(strategy.product).toBe('NIFTY');
      const analysis = analyzeStrategy(
        {
          strategy,
          market: strategyMarketFromChains([near, far]),
          scenario: { days_forward: 0, iv_shift_pct: 0 },
        },
        nifty,
      );
      expect(StrategyAnalysisSchema.parse(analysis)).toEqual(analysis);
      // Entered at the ask and bid and valued at the mid's IV: today's P&L is minus half the spread per leg.
      const halfSpreads = strategy.legs.reduce((sum, leg) => {
        if (leg.kind !== 'option') return sum;
        const quote = quoteOf(leg);
        return sum + leg.lots * 75 * 0.5 * (quote.ask - quote.bid);
      }, 0);
      expect(analysis.scenario.pnl_at_spot).toBeCloseTo(-halfSpreads, 6);
    });
  }

  it('moves width and expiries as asked', () => {
    const wide = build('bull-call-spread', { width_steps: 5 });
    expect(wide.legs.map((leg) => (leg.kind === 'option' ? leg.strike : 0))).toEqual([21_550, 21_800]);
    const third = chainOf('2027-01-26');
    const calendar = build('calendar-spread', { expiry: FAR, far_expiry: '2027-01-26' }, [near, far, third]);
    expect(calendar.legs.map((leg) => (leg.kind === 'option' ? leg.expiry : ''))).toEqual([
      FAR,
      '2027-01-26',
    ]);
    const next = build('calendar-spread', { expiry: FAR }, [third, near, far]);
    expect(next.legs.map((leg) => (leg.kind === 'option' ? leg.expiry : ''))).toEqual([FAR, '2027-01-26']);
  });
});

describe('preset errors name the field', () => {
  it('a strike the chain does not quote, a quote without IV, no ATM IV for ±1σ, a missing expiry', () => {
    const narrow = chainOf(
      NEAR,
      STRIKES.filter((strike) => strike >= 21_300 && strike <= 21_800),
    );
    expect(fieldOf(() => build('iron-condor', {}, [narrow]))).toBe('chains.0.puts');
    expect(build('bull-call-spread', {}, [narrow]).legs).toHaveLength(2);
    const noIv = {
      ...near,
      calls: near.calls.map((quote) => (quote.strike === 21_650 ? { ...quote, iv: null } : quote)),
    };
    const j = noIv.calls.findIndex((quote) => quote.strike === 21_650);
    expect(fieldOf(() => build('bull-call-spread', {}, [noIv]))).toBe(`chains.0.calls.${j}.iv`);
    expect(fieldOf(() => build('short-strangle', {}, [{ ...near, atm_iv: null }]))).toBe('chains.0.atm_iv');
    expect(fieldOf(() => build('calendar-spread', {}, [near]))).toBe('far_expiry');
    expect(fieldOf(() => build('calendar-spread', { far_expiry: NEAR }, [near, far]))).toBe('far_expiry');
    expect(fieldOf(() => build('long-call', { expiry: '2027-03-30' }))).toBe('expiry');
    expect(fieldOf(() => build('long-call', {}, [near, { ...far, product: 'BANKNIFTY' }]))).toBe(
      'chains.1.product',
    );
  });
});
