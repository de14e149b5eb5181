import { describe, expect, it } from 'vitest';
import { parseMarketEvent } from './market-events';

const symbols = new Set(['NIFTY']);
const tick = { product: 'NIFTY', price: 100, processed_at: '2026-11-24T09:15:00.000Z' };
const chain = {
  product: 'NIFTY',
  expiry: '2026-11-26',
  calls: [],
  puts: [],
  timestamp: '2026-11-24T09:14:59.000Z',
  processed_at: tick.processed_at,
};

describe('enriched event parsing', () => {
  it('routes a tick and a chain by product (and expiry)', () => {
    expect(parseMarketEvent('underlying', JSON.stringify(tick), symbols)).toEqual({
      ok: true,
      event: { kind: 'underlying', product: 'NIFTY', payload: tick },
    });
    expect(parseMarketEvent('chain', JSON.stringify(chain), symbols)).toEqual({
      ok: true,
      event: { kind: 'chain', product: 'NIFTY', expiry: '2026-11-26', payload: chain },
    });
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['an array', '[]', 'not an object'],
    ['a lower-case product', JSON.stringify({ ...tick, product: 'nifty' }), 'missing or malformed product'],
    [
      'an unknown product',
      JSON.stringify({ ...tick, product: 'TSLA' }),
      'product TSLA is not in the catalogue',
    ],
    ['no processed_at', JSON.stringify({ ...tick, processed_at: undefined }), 'missing processed_at'],
    ['no price', JSON.stringify({ ...tick, price: '1' }), 'missing price'],
  ])('drops a tick that is %s', (_label, message, reason) => {
    expect(parseMarketEvent('underlying', message, symbols)).toEqual({ ok: false, reason });
  });

  it('drops a chain without its expiry or quotes', () => {
    expect(parseMarketEvent('chain', JSON.stringify({ ...chain, expiry: 5 }), symbols).ok).toBe(false);
    expect(parseMarketEvent('chain', JSON.stringify({ ...chain, calls: null }), symbols).ok).toBe(false);
  });

  it('drops a chain without a readable timestamp', () => {
    for (const timestamp of [undefined, 'yesterday']) {
      expect(parseMarketEvent('chain', JSON.stringify({ ...chain, timestamp }), symbols)).toEqual({
        ok: false,
        reason: 'missing or malformed timestamp',
      });
    }
  });
});
