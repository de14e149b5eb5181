import { describe, expect, it } from 'vitest';
import { exceedsSubscriptionLimit, parseSubscription, roomOf, subscriptionReply } from './client-events';

const symbols = new Set(['NIFTY', 'AAPL']);

describe('subscription payloads', () => {
  it('accepts a catalogue symbol of either type, case-insensitively, and a chain expiry', () => {
    expect(parseSubscription({ type: 'product', symbol: 'NIFTY' }, symbols)).toEqual({
      ok: true,
      subscription: { type: 'product', symbol: 'NIFTY' },
    });
    expect(parseSubscription({ type: 'chain', symbol: 'aapl' }, symbols)).toEqual({
      ok: true,
      subscription: { type: 'chain', symbol: 'AAPL' },
    });
    expect(parseSubscription({ type: 'chain', symbol: 'AAPL', expiry: '2026-01-16' }, symbols)).toEqual({
      ok: true,
      subscription: { type: 'chain', symbol: 'AAPL', expiry: '2026-01-16' },
    });
  });

  it.each([
    undefined,
    null,
    'NIFTY',
    42,
    [],
    {},
    { type: 'option', symbol: 'NIFTY' },
    { type: 'product' },
    { type: 'chain', symbol: 'NIFTY', expiry: 'soon' },
    { type: 'product', symbol: 'NIFTY', expiry: '2026-01-16' },
  ])('refuses %j as INVALID_PAYLOAD', (payload) => {
    const result = parseSubscription(payload, symbols);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_PAYLOAD');
  });

  it('refuses a symbol outside the catalogue as UNKNOWN_SYMBOL', () => {
    const result = parseSubscription({ type: 'product', symbol: 'TSLA' }, symbols);
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_SYMBOL', message: 'unknown product TSLA' } });
  });

  it('names rooms per the architecture, an expiry in a room of its own', () => {
    expect(roomOf({ type: 'product', symbol: 'NIFTY' })).toBe('product:NIFTY');
    expect(roomOf({ type: 'chain', symbol: 'NIFTY' })).toBe('chain:NIFTY');
    expect(roomOf({ type: 'chain', symbol: 'NIFTY', expiry: '2026-01-27' })).toBe('chain:NIFTY:2026-01-27');
  });

  it('words the replies as the original gateway did', () => {
    expect(subscriptionReply({ type: 'chain', symbol: 'NIFTY' }, 'Subscribed to')).toEqual({
      type: 'chain',
      symbol: 'NIFTY',
      room: 'chain:NIFTY',
      message: 'Subscribed to chain:NIFTY',
    });
    expect(subscriptionReply({ type: 'product', symbol: 'AAPL' }, 'Unsubscribed from')).toMatchObject({
      room: 'product:AAPL',
      message: 'Unsubscribed from product:AAPL',
    });
  });

  it('counts only subscription rooms against the limit and lets a re-subscribe through', () => {
    const joined = ['socket-id', 'general', 'product:A', 'chain:A'];
    expect(exceedsSubscriptionLimit(joined, 'product:B', 3)).toBe(false);
    expect(exceedsSubscriptionLimit(joined, 'product:B', 2)).toBe(true);
    expect(exceedsSubscriptionLimit(joined, 'chain:A', 2)).toBe(false);
  });
});
