import { describe, expect, it } from 'vitest';
import { normCdf, normPdf } from '../math';
import { black76Into, blackScholesMertonInto, createGreeksOut } from '../pricing';
import type { PricingConventions } from '../schemas';
import {
  B76_ACT365,
  BSM_ACT365,
  CALENDAR,
  FAR,
  LOT,
  NEAR_YEARS_ACT365,
  option,
  strategyOf,
  valueAtExpiry,
} from '../testing/strategy-fixtures';
import { profitableRegion } from './breakevens';
import {
  expectedPnlAtExpiry,
  expiryLaw,
  oneSigmaMove,
  probabilityAbove,
  probabilityOfProfit,
  type ExpiryLaw,
} from './probability';
import type { Strategy } from './strategy-schema';
import { pnlAt } from './valuation';

// The test market's spot and its near expiry's ATM IV, from which the law at that expiry is drawn.
const SPOT = 21_537;
const ATM_IV = 0.14;
const ironCondor = strategyOf(
  option({ side: 'BUY', option_type: 'PUT', strike: 21_000, entry_price: 20 }),
  option({ side: 'SELL', option_type: 'PUT', strike: 21_200, entry_price: 45 }),
  option({ side: 'SELL', option_type: 'CALL', strike: 21_900, entry_price: 40 }),
  option({ side: 'BUY', option_type: 'CALL', strike: 22_100, entry_price: 15 }),
);

function analyse(strategy: Strategy, conventions: PricingConventions = BSM_ACT365) {
  const atExpiry = valueAtExpiry(strategy, conventions);
  const law = expiryLaw(atExpiry.model, ATM_IV);
  const region = profitableRegion(atExpiry);
  return {
    atExpiry,
    law,
    region,
    probability: probabilityOfProfit(region, law),
    expected: expectedPnlAtExpiry(atExpiry, law),
  };
}

/**
 * E[g(S_T)] by quadrature over z, S_T = F e^{−v/2 + √v z}: composite Simpson on [−12, 12] with 240,000
 * panels. The kinks of g cost O(h²) ≈ 1e-8 of the jump in slope; the tails beyond ±12 weigh 1e-32.
 */
function lognormalExpectation(law: ExpiryLaw, g: (price: number) => number): number {
  const n = 240_000;
  const h = 24 / n;
  const totalVol = Math.sqrt(law.variance);
  let sum = 0;
  for (let j = 0; j <= n; j += 1) {
    const z = -12 + j * h;
    const weight = j === 0 || j === n ? 1 : j % 2 === 1 ? 4 : 2;
    sum += weight * g(law.forward * Math.exp(-0.5 * law.variance + totalVol * z)) * normPdf(z);
  }
  return (sum * h) / 3;
}

describe('the law at the nearest expiry', () => {
  it('drifts spot at r − q under Black-Scholes-Merton and leaves a futures price where it is under Black-76', () => {
    const longCall = strategyOf(
      option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 150 }),
    );
    const bsm = analyse(longCall).law;
    expect(bsm.timeYears).toBeCloseTo(NEAR_YEARS_ACT365, 15);
    expect(bsm.forward).toBeCloseTo(SPOT * Math.exp((0.065 - 0.012) * NEAR_YEARS_ACT365), 9);
    expect(bsm.variance).toBeCloseTo(ATM_IV * ATM_IV * NEAR_YEARS_ACT365, 15);
    expect(analyse(longCall, B76_ACT365).law.forward).toBe(SPOT);
  });

  it('the one-sigma move is spot × σ × √T: 21,537 at 16% over 7 days 5 hours is 484.26', () => {
    expect(oneSigmaMove(21_537, 0.16, NEAR_YEARS_ACT365)).toBeCloseTo(484.257, 3);
    expect(oneSigmaMove(100, 0.2, 1)).toBe(20);
    expect(oneSigmaMove(100, 0.2, 0)).toBe(0);
  });

  it('with no variance the price ends at the forward for sure', () => {
    const law = { forward: 100, variance: 0, timeYears: 0.1, volatility: 0 };
    expect(probabilityAbove(law, 99.99)).toBe(1);
    expect(probabilityAbove(law, 100.01)).toBe(0);
    expect(probabilityAbove(law, 0)).toBe(1);
  });
});

describe('probability of profit', () => {
  for (const conventions of [BSM_ACT365, B76_ACT365]) {
    it(`${conventions.model}: a long call's is N(d2) at its breakeven K + premium, to 1e-12`, () => {
      const premium = 163.85;
      const { probability, region, law } = analyse(
        strategyOf(option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: premium })),
        conventions,
      );
      const breakeven = 21_500 + premium;
      expect(region.breakevens).toHaveLength(1);
      expect(region.breakevens[0]).toBeCloseTo(breakeven, 9);
      // d2 = [ln(F/B) − σ²T/2] / (σ√T), F the forward to the expiry (Hull 8th ed., Ch. 15).
      const carry = conventions.model === 'black-76' ? 0 : 0.065 - 0.012;
      const forward = SPOT * Math.exp(carry * NEAR_YEARS_ACT365);
      const totalVol = ATM_IV * Math.sqrt(NEAR_YEARS_ACT365);
      const d2 = (Math.log(forward / breakeven) - 0.5 * totalVol * totalVol) / totalVol;
      expect(Math.abs(probability - normCdf(d2))).toBeLessThanOrEqual(1e-12);
      expect(probability).toBeGreaterThan(0.2);
      expect(probability).toBeLessThan(0.5);
      expect(law.volatility).toBe(ATM_IV);
    });
  }

  it('is the lognormal mass of the profitable ranges: iron condor, short strangle, calendar', () => {
    const strategies: Strategy[] = [
      ironCondor,
      strategyOf(
        option({ side: 'SELL', option_type: 'PUT', strike: 21_200, entry_price: 45 }),
        option({ side: 'SELL', option_type: 'CALL', strike: 21_900, entry_price: 40 }),
      ),
      CALENDAR,
    ];
    for (const strategy of strategies) {
      const { atExpiry, law, probability } = analyse(strategy);
      const numeric = lognormalExpectation(law, (price) => (pnlAt(atExpiry, price) > 0 ? 1 : 0));
      // Quadrature of a step function is only first-order: each jump costs up to h·φ ≈ 4e-5.
      expect(Math.abs(probability - numeric)).toBeLessThan(1e-4);
      expect(probability).toBeGreaterThan(0.1);
      expect(probability).toBeLessThan(0.95);
    }
  });
});

describe('expected P&L at expiry (undiscounted)', () => {
  const out = createGreeksOut();
  for (const conventions of [BSM_ACT365, B76_ACT365]) {
    it(`${conventions.model}: one leg is e^{rT} × its model price at the ATM IV − the entry price`, () => {
      for (const [optionType, side, strike] of [
        ['CALL', 'BUY', 21_500],
        ['PUT', 'SELL', 21_300],
        ['PUT', 'BUY', 22_000],
      ] as const) {
        const { expected } = analyse(
          strategyOf(option({ side, option_type: optionType, strike, entry_price: 120, lots: 2 })),
          conventions,
        );
        const price =
          conventions.model === 'black-76'
            ? black76Into(out, optionType, SPOT, strike, NEAR_YEARS_ACT365, 0.065, ATM_IV).price
            : blackScholesMertonInto(out, optionType, SPOT, strike, NEAR_YEARS_ACT365, 0.065, 0.012, ATM_IV)
                .price;
        const units = (side === 'BUY' ? 2 : -2) * LOT;
        const reference = units * (Math.exp(0.065 * NEAR_YEARS_ACT365) * price - 120);
        expect(Math.abs(expected - reference)).toBeLessThanOrEqual(1e-12 * Math.abs(units) * strike);
      }
    });
  }

  it('an underlying leg expects the forward', () => {
    const { expected, law } = analyse(
      strategyOf(
        { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 21_500 },
        option({ side: 'BUY', option_type: 'CALL', strike: 40_000, entry_price: 0 }),
      ),
    );
    expect(expected).toBeCloseTo(LOT * (law.forward - 21_500), 6);
  });

  it('is the mean of the P&L curve at expiry, calendars included', () => {
    for (const strategy of [
      ironCondor,
      strategyOf(
        option({ side: 'SELL', option_type: 'CALL', strike: 21_500, entry_price: 180, iv: 0.14 }),
        option({ side: 'BUY', option_type: 'CALL', strike: 21_600, entry_price: 420, iv: 0.17, expiry: FAR }),
        option({ side: 'BUY', option_type: 'PUT', strike: 21_300, entry_price: 300, iv: 0.19, expiry: FAR }),
      ),
    ]) {
      for (const conventions of [BSM_ACT365, B76_ACT365]) {
        const { atExpiry, law, expected } = analyse(strategy, conventions);
        const numeric = lognormalExpectation(law, (price) => pnlAt(atExpiry, price));
        expect(Math.abs(expected - numeric)).toBeLessThan(1e-6 * LOT);
      }
    }
  });
});
