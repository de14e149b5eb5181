import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_PARAMETERS as A,
  expectedVolume,
  favourableMove,
  initialOpenInterest,
  openInterestChange,
  type InitialOpenInterestInput,
} from './market-activity';

describe('expectedVolume', () => {
  it('peaks at the money, falls with distance and expiry, scales with the interval', () => {
    expect(expectedVolume(0, 0, 1000)).toBe(A.ATM_CONTRACTS_PER_SECOND);
    expect(expectedVolume(1.5, 0, 1000)).toBeCloseTo(A.ATM_CONTRACTS_PER_SECOND * Math.exp(-0.5), 12);
    expect(expectedVolume(0, 2, 1000)).toBeCloseTo(A.ATM_CONTRACTS_PER_SECOND / 3, 12);
    expect(expectedVolume(0, 0, 500)).toBe(A.ATM_CONTRACTS_PER_SECOND / 2);
  });
});

describe('initialOpenInterest', () => {
  const nifty = (strike: number, optionType: 'CALL' | 'PUT'): InitialOpenInterestInput => ({
    strike,
    strikeStep: 50,
    optionType,
    forward: 21_500,
    atmVolatility: 0.13,
    timeYears: 7 / 365,
    expiryIndex: 0,
    z: 0,
  });

  it('peaks at the money and on round strikes', () => {
    const atm = initialOpenInterest(nifty(21_500, 'CALL'));
    expect(atm).toBeGreaterThan(initialOpenInterest(nifty(21_250, 'CALL')));
    // 21 500 is every 10th strike, 21 550 an odd one, 21 600 every 2nd.
    expect(atm).toBeGreaterThan(initialOpenInterest(nifty(21_550, 'CALL')));
    expect(initialOpenInterest(nifty(21_600, 'CALL'))).toBeGreaterThan(
      initialOpenInterest(nifty(21_550, 'CALL')),
    );
  });

  it('puts are heavier below the forward, calls above', () => {
    expect(initialOpenInterest(nifty(21_100, 'PUT'))).toBeGreaterThan(
      initialOpenInterest(nifty(21_100, 'CALL')),
    );
    expect(initialOpenInterest(nifty(21_900, 'CALL'))).toBeGreaterThan(
      initialOpenInterest(nifty(21_900, 'PUT')),
    );
  });

  it('spreads over at least two weeks of moves, shrinks for later expiries', () => {
    expect(initialOpenInterest({ ...nifty(21_100, 'PUT'), timeYears: 0.001 })).toBe(
      initialOpenInterest({ ...nifty(21_100, 'PUT'), timeYears: A.OPEN_INTEREST_MIN_HORIZON_YEARS }),
    );
    expect(initialOpenInterest({ ...nifty(21_500, 'PUT'), expiryIndex: 3 })).toBeLessThan(
      initialOpenInterest(nifty(21_500, 'PUT')),
    );
  });
});

describe('open-interest flow', () => {
  it('signs the move in the option holder’s favour', () => {
    const up = Math.log(1.01);
    expect(favourableMove('CALL', up, 0.2, 1 / 365)).toBeGreaterThan(0);
    expect(favourableMove('PUT', up, 0.2, 1 / 365)).toBeLessThan(0);
    expect(favourableMove('CALL', up, 0.2, 1e-9)).toBe(A.MAX_STANDARDISED_MOVE);
    expect(favourableMove('CALL', up, 0.2, 0)).toBe(0);
  });

  it('opens on favourable moves, closes on adverse ones, never more than was traded', () => {
    expect(openInterestChange(100, 2, 0)).toBeGreaterThan(0);
    expect(openInterestChange(100, -2, 0)).toBeLessThan(0);
    for (const z of [-10, -1, 0, 1, 10]) {
      expect(Math.abs(openInterestChange(100, 0, z))).toBeLessThanOrEqual(100);
    }
    expect(openInterestChange(0, 3, 3)).toBe(0);
  });
});
