import { describe, expect, it } from 'vitest';
import { ProductListSchema, SubscriptionReplySchema, SubscriptionRequestSchema } from './payloads';
import { SERVER_EVENT_SCHEMAS, SERVER_EVENTS } from './events';

describe('subscription requests', () => {
  it.each([
    [{ type: 'product', symbol: 'NIFTY' }],
    [{ type: 'chain', symbol: 'nifty' }],
    [{ type: 'chain', symbol: 'NIFTY', expiry: '2026-01-27' }],
  ])('accepts %j', (request) => {
    expect(SubscriptionRequestSchema.parse(request)).toEqual(request);
  });

  it.each([
    [undefined],
    ['NIFTY'],
    [{ type: 'option', symbol: 'NIFTY' }],
    [{ type: 'product' }],
    [{ type: 'product', symbol: '' }],
    [{ type: 'chain', symbol: 'NIFTY', expiry: '27/01/2026' }],
    [{ type: 'product', symbol: 'NIFTY', expiry: '2026-01-27' }],
  ])('refuses %j', (request) => {
    expect(SubscriptionRequestSchema.safeParse(request).success).toBe(false);
  });

  it('says why an expiry on a product subscription is refused', () => {
    const result = SubscriptionRequestSchema.safeParse({
      type: 'product',
      symbol: 'NIFTY',
      expiry: '2026-01-27',
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['expiry', 'only a chain subscription names an expiry'],
    ]);
  });
});

describe('the original shapes', () => {
  it('`subscribed` carries the original room and message', () => {
    const reply = { room: 'product:NIFTY', message: 'Subscribed to product:NIFTY' };
    expect(SubscriptionReplySchema.safeParse(reply).success).toBe(false);
    expect(SubscriptionReplySchema.parse({ ...reply, type: 'product', symbol: 'NIFTY' })).toMatchObject(
      reply,
    );
  });

  it('`products` lists the symbols as the original did', () => {
    expect(ProductListSchema.safeParse({ products: [{ symbol: 'NIFTY' }], catalogue: [] }).success).toBe(
      false,
    );
    expect(ProductListSchema.parse({ products: ['NIFTY', 'AAPL'], catalogue: [] }).products).toEqual([
      'NIFTY',
      'AAPL',
    ]);
  });

  it('has a payload schema for every server event', () => {
    expect(Object.keys(SERVER_EVENT_SCHEMAS).sort()).toEqual(Object.values(SERVER_EVENTS).sort());
  });
});
