import { describe, expect, it } from 'vitest';
import { enrichChain, NO_CHANGE_BASES } from '../analytics';
import { flatVolChain } from '../testing/flat-vol-chain';
import { niftyProduct } from '../testing/strategy-fixtures';
import type { AlertCondition } from './alert-schema';
import {
  alertMessage,
  chainObservation,
  evaluateAlert,
  hysteresisBand,
  oiChangeKey,
  strikesBetween,
  type AlertObservation,
  type AlertOutcome,
  type AlertState,
} from './evaluate-alert';

const ARMED: AlertState = { armed: true, reference: null };

/** Feeds observations in order, applying each outcome, and returns the kinds in order (`none` left out). */
function run(condition: AlertCondition, observations: AlertObservation[], start: AlertState = ARMED) {
  let state = start;
  const outcomes: AlertOutcome['kind'][] = [];
  for (const observation of observations) {
    const outcome = evaluateAlert(condition, state, observation);
    if (outcome.kind !== 'none') {
      state = outcome.next;
      outcomes.push(outcome.kind);
    }
  }
  return { outcomes, state };
}

describe('evaluateAlert: level conditions fire once per crossing', () => {
  const spotAbove: AlertCondition = { metric: 'spot', direction: 'above', level: 24_500 };
  const spot = (value: number): AlertObservation => ({ spot: value });

  it('fires at the level and not again while the value stays within the band', () => {
    // Band: 0.1% of 24,500 = 24.5; re-arms below 24,475.5.
    expect(hysteresisBand(spotAbove)).toBeCloseTo(24.5, 12);
    const { outcomes, state } = run(spotAbove, [24_499.95, 24_500, 24_520, 24_480, 24_476, 24_510].map(spot));
    expect(outcomes).toEqual(['fire']);
    expect(state).toEqual({ armed: false, reference: null });
  });

  it('re-arms beyond the band and fires on the next crossing', () => {
    const { outcomes } = run(spotAbove, [24_512.3, 24_475, 24_490, 24_500.01, 24_600].map(spot));
    expect(outcomes).toEqual(['fire', 'rearm', 'fire']);
  });

  it('an alert whose condition already holds fires on its first evaluation', () => {
    expect(evaluateAlert(spotAbove, ARMED, spot(25_000))).toEqual({
      kind: 'fire',
      value: 25_000,
      next: { armed: false, reference: null },
    });
  });

  it('ignores observations without the metric (a chain says nothing about spot)', () => {
    expect(evaluateAlert(spotAbove, ARMED, { pcr_oi: 2, atm_iv: 0.3 })).toEqual({ kind: 'none' });
    expect(
      evaluateAlert({ metric: 'pcr_oi', direction: 'above', level: 1 }, ARMED, { pcr_oi: null }),
    ).toEqual({ kind: 'none' });
  });

  it('below: fires at or under the level, re-arms above level + band', () => {
    const below: AlertCondition = { metric: 'spot', direction: 'below', level: 1_000 };
    // Band 1.0: re-arms above 1,001.
    const { outcomes } = run(below, [1_000.5, 1_000, 999, 1_001, 1_000, 1_001.01, 999.99].map(spot));
    expect(outcomes).toEqual(['fire', 'rearm', 'fire']);
  });

  it.each([
    // metric, direction, level, band, the value sequence, expected outcomes
    ['pcr_oi', 'above', 1.2, 0.02, [1.19, 1.2, 1.181, 1.19, 1.179, 1.21], ['fire', 'rearm', 'fire']],
    ['pcr_oi', 'below', 0.8, 0.02, [0.79, 0.819, 0.8, 0.821, 0.81, 0.75], ['fire', 'rearm', 'fire']],
    ['atm_iv', 'above', 0.18, 0.005, [0.181, 0.1751, 0.19, 0.1749, 0.18], ['fire', 'rearm', 'fire']],
    ['atm_iv', 'below', 0.12, 0.005, [0.13, 0.12, 0.1249, 0.125, 0.1251, 0.1], ['fire', 'rearm', 'fire']],
    ['iv_rank', 'above', 80, 2, [79.9, 80, 78.1, 90, 77.9, 80.5], ['fire', 'rearm', 'fire']],
    ['iv_rank', 'below', 20, 2, [0, 21.9, 10, 22.1, 20.1, 20], ['fire', 'rearm', 'fire']],
  ] as const)('%s %s %d: band %d', (metric, direction, level, band, values, expected) => {
    const condition = { metric, direction, level } as AlertCondition;
    expect(hysteresisBand(condition as Exclude<AlertCondition, { metric: 'max_pain_shift' }>)).toBe(band);
    expect(
      run(
        condition,
        values.map((value) => ({ [metric]: value })),
      ).outcomes,
    ).toEqual(expected);
  });

  it('oi_change reads its contract: band 5% of |level|, at least one contract', () => {
    const condition: AlertCondition = {
      metric: 'oi_change',
      strike: 24_500,
      option_type: 'PUT',
      direction: 'above',
      level: 10_000,
    };
    expect(hysteresisBand(condition)).toBe(500);
    expect(hysteresisBand({ ...condition, level: -10 })).toBe(1);
    expect(hysteresisBand({ ...condition, level: 0 })).toBe(1);
    const oi = (put: number, call = 99_999): AlertObservation => ({
      oi_change: new Map([
        [oiChangeKey(24_500, 'PUT'), put],
        [oiChangeKey(24_500, 'CALL'), call],
      ]),
    });
    const { outcomes } = run(condition, [oi(9_999), oi(10_000), oi(9_500), oi(9_499), oi(10_200)]);
    expect(outcomes).toEqual(['fire', 'rearm', 'fire']);
    // Another strike, or the call at this strike, is not this alert's contract.
    expect(evaluateAlert({ ...condition, strike: 24_550 }, ARMED, oi(20_000))).toEqual({ kind: 'none' });
    // Unwinding: a negative level below.
    const unwinding: AlertCondition = { ...condition, direction: 'below', level: -2_000 };
    expect(run(unwinding, [oi(-1_999), oi(-2_000), oi(-1_901), oi(-1_899), oi(-2_500)]).outcomes).toEqual([
      'fire',
      'rearm',
      'fire',
    ]);
  });
});

describe('evaluateAlert: max_pain_shift', () => {
  const strikes = Array.from({ length: 11 }, (_, i) => 24_250 + 50 * i); // 24,250 … 24,750
  const maxPain = (strike: number): AlertObservation => ({ max_pain_strike: strike, strikes });
  const twoStrikes: AlertCondition = { metric: 'max_pain_shift', strikes: 2 };

  it('counts strikes in the chain’s list', () => {
    expect(strikesBetween(strikes, 24_500, 24_600)).toBe(2);
    expect(strikesBetween(strikes, 24_600, 24_500)).toBe(2);
    expect(strikesBetween(strikes, 24_500, 24_500)).toBe(0);
    // A reference between listed strikes counts from where it stood.
    expect(strikesBetween(strikes, 24_525, 24_600)).toBe(2);
  });

  it('takes its reference first, fires on a move of N strikes, then measures from the new max pain', () => {
    const first = evaluateAlert(twoStrikes, ARMED, maxPain(24_500));
    expect(first).toEqual({ kind: 'reference', value: 24_500, next: { armed: true, reference: 24_500 } });
    const { outcomes, state } = run(
      twoStrikes,
      [24_550, 24_450, 24_600, 24_650, 24_550, 24_500].map(maxPain),
      first.kind === 'reference' ? first.next : ARMED,
    );
    // 24,600 is two strikes from 24,500 (fire, reference 24,600); 24,650 is one; 24,500 two again.
    expect(outcomes).toEqual(['fire', 'fire']);
    expect(state).toEqual({ armed: true, reference: 24_500 });
  });

  it('does not fire without the strike list', () => {
    expect(
      evaluateAlert(twoStrikes, { armed: true, reference: 24_500 }, { max_pain_strike: 25_000 }),
    ).toEqual({
      kind: 'none',
    });
  });
});

describe('alertMessage', () => {
  it('says what crossed what, in the metric’s units', () => {
    expect(alertMessage('NIFTY', null, { metric: 'spot', direction: 'above', level: 24_500 }, 24_512.3)).toBe(
      'NIFTY spot 24,512.30 crossed above 24,500',
    );
    expect(
      alertMessage('NIFTY', '2026-12-29', { metric: 'pcr_oi', direction: 'below', level: 0.8 }, 0.7912),
    ).toBe('NIFTY 2026-12-29 PCR (OI) 0.79 crossed below 0.8');
    expect(
      alertMessage('NIFTY', '2026-12-29', { metric: 'atm_iv', direction: 'above', level: 0.18 }, 0.18234),
    ).toBe('NIFTY 2026-12-29 ATM IV 18.23% crossed above 18%');
    expect(
      alertMessage('AAPL', '2026-12-18', { metric: 'iv_rank', direction: 'above', level: 80 }, 83.04),
    ).toBe('AAPL IV rank 83.0 crossed above 80');
    expect(
      alertMessage('NIFTY', '2026-12-29', { metric: 'max_pain_shift', strikes: 2 }, 24_600, 24_500),
    ).toBe('NIFTY 2026-12-29 max pain moved 2 strikes or more, 24,500 → 24,600');
    expect(
      alertMessage(
        'NIFTY',
        '2026-12-29',
        { metric: 'oi_change', strike: 24_500, option_type: 'PUT', direction: 'above', level: 10_000 },
        12_345,
      ),
    ).toBe('NIFTY 2026-12-29 24,500 PUT OI change +12,345 crossed above +10,000');
  });
});

describe('chainObservation', () => {
  const nifty = niftyProduct();

  it('carries the chain metrics and every contract’s OI change, never the chain’s spot', () => {
    const strikes = Array.from({ length: 5 }, (_, i) => 21_400 + 50 * i);
    const chain = enrichChain(
      flatVolChain(nifty, {
        expiry: '2026-12-29',
        timestamp: '2026-11-24T05:00:00.000Z',
        seq: 1,
        spot: 21_510,
        volatility: 0.16,
        strikes,
        oi: (strike, type) => (type === 'PUT' ? strike - 21_000 : 21_700 - strike),
      }),
      nifty,
      NO_CHANGE_BASES,
      '2026-11-24T05:00:00.100Z',
    );
    // Changes the worker measured against stored closes (a fresh start measures none).
    chain.puts[2]!.oi_change = 500;
    chain.calls[2]!.oi_change = -200;
    const observation = chainObservation(chain, 42);
    expect(observation.spot).toBeUndefined();
    expect(observation).toMatchObject({
      pcr_oi: chain.pcr_oi,
      atm_iv: chain.atm_iv,
      iv_rank: 42,
      max_pain_strike: chain.max_pain_strike,
      strikes,
    });
    expect(observation.oi_change?.size).toBe(10);
    expect(observation.oi_change?.get(oiChangeKey(21_500, 'PUT'))).toBe(500);
    expect(observation.oi_change?.get(oiChangeKey(21_500, 'CALL'))).toBe(-200);
    expect(observation.oi_change?.get(oiChangeKey(21_550, 'PUT'))).toBe(0);
  });
});
