import { describe, expect, it } from 'vitest';
import { optionPremium } from './premium';

describe('optionPremium', () => {
  it('takes the mid when both sides are quoted', () => {
    expect(optionPremium({ bid: 101.5, ask: 102.5, last: 90 })).toBe(102);
  });

  it.each([
    [{ bid: 0, ask: 102.5, last: 90 }],
    [{ bid: 101.5, ask: 0, last: 90 }],
    [{ bid: 0, ask: 0, last: 90 }],
  ])('falls back to the last price when a side is missing: %o', (quote) => {
    expect(optionPremium(quote)).toBe(90);
  });
});
