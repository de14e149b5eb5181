import { describe, expect, it } from 'vitest';
import { NearestExpiries } from './nearest-expiries';
import { niftyProduct } from '../testing/strategy-fixtures';

/** NIFTY as config/products.json lists it (core reads no files). */
const nifty = niftyProduct();
const products = new Map([
  ['NIFTY', nifty],
  ['AAPL', { ...nifty, symbol: 'AAPL' }],
]);
// NIFTY expires at 15:30 in Asia/Kolkata (UTC+5:30), that is 10:00 UTC.
const at = (instant: string) => Date.parse(instant);

describe('nearest expiries', () => {
  it('follows the nearest known expiry until its expiry instant, then the next', () => {
    const expiries = new NearestExpiries(products);
    expiries.note('NIFTY', ['2026-01-13', '2026-01-06', '2026-01-27'], at('2026-01-05T12:00:00Z'));
    expect(expiries.nearest('NIFTY', at('2026-01-05T12:00:00Z'))).toBe('2026-01-06');
    expect(expiries.nearest('NIFTY', at('2026-01-06T09:59:59Z'))).toBe('2026-01-06');
    expect(expiries.nearest('NIFTY', at('2026-01-06T10:00:00Z'))).toBe('2026-01-13');
    expect(expiries.nearest('AAPL', at('2026-01-05T12:00:00Z'))).toBeUndefined();
  });

  it('judges each chain at its own timestamp and learns the expiries it hears', () => {
    const expiries = new NearestExpiries(products);
    expect(expiries.isNearest('NIFTY', '2026-01-13', at('2026-01-05T12:00:00Z'))).toBe(true);
    // A nearer expiry takes over as soon as it is heard of, and the farther one is no longer nearest.
    expect(expiries.isNearest('NIFTY', '2026-01-06', at('2026-01-05T12:00:01Z'))).toBe(true);
    expect(expiries.isNearest('NIFTY', '2026-01-13', at('2026-01-05T12:00:02Z'))).toBe(false);
    // After 2026-01-06 15:30 IST the next expiry is the nearest; the passed one is forgotten.
    expect(expiries.isNearest('NIFTY', '2026-01-13', at('2026-01-06T10:00:01Z'))).toBe(true);
    expect(expiries.nearest('NIFTY', at('2026-01-05T12:00:00Z'))).toBe('2026-01-13');
    // A chain of an expiry already over at its own timestamp is never the nearest.
    expect(expiries.isNearest('NIFTY', '2026-01-06', at('2026-01-06T10:00:02Z'))).toBe(false);
  });

  it('ignores products outside the catalogue', () => {
    const expiries = new NearestExpiries(products);
    expect(expiries.isNearest('NOPE', '2026-01-06', at('2026-01-05T12:00:00Z'))).toBe(false);
  });
});
