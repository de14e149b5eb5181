import { describe, expect, it } from 'vitest';
import { entryPrice } from './entry-price';

describe('entryPrice', () => {
  it('buys at the ask and sells at the bid of a two-sided quote', () => {
    const quote = { bid: 101.5, ask: 103, last: 99 };
    expect(entryPrice(quote, 'BUY')).toBe(103);
    expect(entryPrice(quote, 'SELL')).toBe(101.5);
  });

  it('takes the last trade when either side is missing (0 on the wire)', () => {
    expect(entryPrice({ bid: 0, ask: 103, last: 99 }, 'BUY')).toBe(99);
    expect(entryPrice({ bid: 101.5, ask: 0, last: 99 }, 'SELL')).toBe(99);
  });
});
