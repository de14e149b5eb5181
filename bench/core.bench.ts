/**
 * packages/core throughput on one core (Node is single-threaded here):
 *   - Black-Scholes-Merton price + all Greeks (goal ≥ 5 M/s)
 *   - implied-volatility solves from BSM prices (goal ≥ 1 M/s)
 *   - max pain on a 500-strike chain (goal < 50 µs)
 *   - a 4-leg iron condor's P&L at expiry and at T+3 days over 1,000 prices, both curves (goal < 0.5 ms),
 *     and its whole analysis (breakevens, bounds, probability, Greeks, curves on the default grid) for scale
 * Inputs are precomputed mixed grids so the loop measures the maths, not input generation.
 */
import { maxPainStrike } from '@deltastream/core/analytics';
import { impliedVolatilityBlackScholesMerton } from '@deltastream/core/iv';
import { blackScholesMertonInto, createGreeksOut } from '@deltastream/core/pricing';
import type { OptionType } from '@deltastream/core/schemas';
import {
  analyzeStrategy,
  gridPrices,
  pnlCurves,
  prepareStrategy,
  type PnlCurves,
  type Strategy,
  type StrategyMarket,
  type StrategyProduct,
  type StrategyScenario,
} from '@deltastream/core/strategy';
import { measure, report, sinkValue } from './lib/measure';

const SPOT = 100;
const RATE = 0.05;
const DIVIDEND_YIELD = 0.01;

interface Case {
  optionType: OptionType;
  strike: number;
  timeYears: number;
  volatility: number;
  price: number;
  /** Price minus discounted intrinsic: below ~1e-8 the price no longer determines σ. */
  timeValue: number;
}

/** Round-trip accuracy is judged only where the price carries volatility information. */
const MIN_TIME_VALUE = 1e-8;

function buildGrid(): Case[] {
  const cases: Case[] = [];
  const out = createGreeksOut();
  for (const moneyness of [0.6, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.25, 1.5]) {
    for (const timeYears of [2 / 365, 7 / 365, 30 / 365, 0.25, 1, 3]) {
      for (const volatility of [0.05, 0.12, 0.2, 0.35, 0.6, 1.2]) {
        for (const optionType of ['CALL', 'PUT'] as const) {
          const strike = SPOT * moneyness;
          blackScholesMertonInto(out, optionType, SPOT, strike, timeYears, RATE, DIVIDEND_YIELD, volatility);
          // Solving IV only makes sense where the price carries volatility information.
          const forwardIntrinsic =
            SPOT * Math.exp(-DIVIDEND_YIELD * timeYears) - strike * Math.exp(-RATE * timeYears);
          const intrinsic = Math.max(0, optionType === 'CALL' ? forwardIntrinsic : -forwardIntrinsic);
          if (out.price > 1e-8) {
            cases.push({
              optionType,
              strike,
              timeYears,
              volatility,
              price: out.price,
              timeValue: out.price - intrinsic,
            });
          }
        }
      }
    }
  }
  return cases;
}

const grid = buildGrid();
const greeks = createGreeksOut();

const pricing = measure('BSM price + Greeks', grid.length, () => {
  let acc = 0;
  for (const c of grid) {
    blackScholesMertonInto(
      greeks,
      c.optionType,
      SPOT,
      c.strike,
      c.timeYears,
      RATE,
      DIVIDEND_YIELD,
      c.volatility,
    );
    acc += greeks.price + greeks.delta + greeks.gamma + greeks.vega + greeks.theta + greeks.rho;
  }
  return acc;
});

let worstIvError = 0;
const iv = measure("implied volatility (Let's Be Rational)", grid.length, () => {
  let acc = 0;
  for (const c of grid) {
    const result = impliedVolatilityBlackScholesMerton({
      optionType: c.optionType,
      price: c.price,
      spot: SPOT,
      strike: c.strike,
      timeYears: c.timeYears,
      rate: RATE,
      dividendYield: DIVIDEND_YIELD,
    });
    if (result.ok) {
      acc += result.volatility;
      if (c.timeValue > MIN_TIME_VALUE) {
        worstIvError = Math.max(worstIvError, Math.abs(result.volatility - c.volatility));
      }
    }
  }
  return acc;
});

function chainOf(strikes: number) {
  const calls = [];
  const puts = [];
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < strikes; i += 1) {
    const strike = 20_000 + 50 * i;
    calls.push({ strike, open_interest: Math.floor(random() * 100_000) });
    puts.push({ strike, open_interest: Math.floor(random() * 100_000) });
  }
  return { calls, puts };
}
const chain500 = chainOf(500);
const maxPain = measure('max pain, 500 strikes', 1, () => maxPainStrike(chain500.calls, chain500.puts), {
  runMs: 300,
});

const nifty: StrategyProduct = {
  symbol: 'NIFTY',
  lot_size: 75,
  conventions: { model: 'black-scholes-merton', rate: 0.065, dividend_yield: 0.012, day_count: 'ACT/365' },
  time_zone: 'Asia/Kolkata',
  holidays: [],
  expiry_rule: { expiry_time: '15:30' },
};
const condorMarket: StrategyMarket = {
  spot_price: 21_537,
  as_of: '2026-11-24T05:00:00.000Z',
  atm_iv: { '2026-12-01': 0.14 },
};
const condorLeg = (
  side: 'BUY' | 'SELL',
  optionType: OptionType,
  strike: number,
  premium: number,
  iv: number,
) =>
  ({
    kind: 'option',
    expiry: '2026-12-01',
    strike,
    option_type: optionType,
    side,
    lots: 1,
    entry_price: premium,
    iv,
  }) as const;
const condor: Strategy = {
  product: 'NIFTY',
  legs: [
    condorLeg('BUY', 'PUT', 20_950, 9.5, 0.155),
    condorLeg('SELL', 'PUT', 21_050, 14.2, 0.15),
    condorLeg('SELL', 'CALL', 22_050, 8.1, 0.13),
    condorLeg('BUY', 'CALL', 22_150, 5.0, 0.132),
  ],
};
const condorModel = prepareStrategy(condor, nifty, condorMarket);
const condorPrices = gridPrices({ from: 20_000, to: 23_000, points: 1000 });
const threeDaysOn: StrategyScenario = { days_forward: 3, iv_shift_pct: 0 };
const curves: PnlCurves = { pnl_at_expiry: new Array<number>(1000), pnl: new Array<number>(1000) };
const condorCurves = measure('iron condor P&L curves, 2 × 1,000 prices', 1, () => {
  pnlCurves(condorModel, condorPrices, threeDaysOn, curves);
  return curves.pnl[500]! + curves.pnl_at_expiry[500]!;
});
const condorAnalysis = measure('iron condor analysis, default grid', 1, () => {
  const analysis = analyzeStrategy({ strategy: condor, market: condorMarket, scenario: threeDaysOn }, nifty);
  return analysis.scenario.pnl_at_spot;
});

console.log(`grid: ${grid.length} options (moneyness 0.6–1.5, T 2d–3y, σ 5%–120%, calls and puts)`);
report(pricing, { minOpsPerSecond: 5e6 });
report(iv, { minOpsPerSecond: 1e6 });
report(maxPain, { maxNanosPerOp: 50_000 });
console.log(`max pain 500 strikes: median ${(maxPain.medianNanosPerOp / 1000).toFixed(2)} µs per chain`);
report(condorCurves, { maxNanosPerOp: 500_000 });
report(condorAnalysis);
console.log(
  `iron condor: median ${(condorCurves.medianNanosPerOp / 1e6).toFixed(3)} ms for both curves over 1,000 prices, ` +
    `${(condorAnalysis.medianNanosPerOp / 1e6).toFixed(3)} ms for the whole analysis`,
);
const informative = grid.filter((c) => c.timeValue > MIN_TIME_VALUE).length;
console.log(
  `IV round trip: worst |σ̂ − σ| = ${worstIvError.toExponential(2)} over the ${informative} options whose time value ` +
    `exceeds ${MIN_TIME_VALUE} (the other ${grid.length - informative} carry no volatility information)`,
);
console.log(`(sink ${sinkValue().toExponential(3)})`);
