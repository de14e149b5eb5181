import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { products } from '../schema';
import { makeProduct } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { getProduct, listProducts, upsertProducts } from './products';

describe('products', () => {
  const test = useTestDatabase();

  const nifty = makeProduct('NIFTY');
  const aapl = makeProduct('AAPL', {
    name: 'Apple Inc.',
    exchange: 'NASDAQ',
    currency: 'USD',
    time_zone: 'America/New_York',
    base_price: 230,
    strike_step: 2.5,
    lot_size: 100,
    volatility: 0.28,
    conventions: { model: 'black-scholes-merton', rate: 0.043, dividend_yield: 0.005, day_count: 'ACT/365' },
    expiry_rule: { weekday: 'FRI', weekly: 4, monthly: 3, monthly_occurrence: 3, expiry_time: '16:00' },
    holidays: [],
  });

  it('round-trip through upsertProducts, getProduct and listProducts', async () => {
    await upsertProducts(test.db, [nifty, aapl]);
    expect(await getProduct(test.db, 'NIFTY')).toEqual(nifty);
    expect(await getProduct(test.db, 'AAPL')).toEqual(aapl);
    // The catalogue's order, not the symbols': its first product is the one a new user sees first.
    expect(await listProducts(test.db, { activeOnly: true })).toEqual([nifty, aapl]);
    expect(await getProduct(test.db, 'UNKNOWN')).toBeNull();
  });

  it('take the catalogue values on a second upsert and keep the active flag', async () => {
    await test.db.update(products).set({ active: false }).where(eq(products.symbol, 'AAPL'));
    const renamed = { ...aapl, name: 'Apple', strike_step: 5 };
    await upsertProducts(test.db, [renamed, nifty]);

    expect(await getProduct(test.db, 'AAPL')).toEqual(renamed);
    expect(await listProducts(test.db, { activeOnly: true })).toEqual([nifty]);
    expect(await listProducts(test.db, { activeOnly: false })).toEqual([renamed, nifty]);
    await upsertProducts(test.db, [nifty, renamed]);
    expect(await listProducts(test.db, { activeOnly: false })).toEqual([nifty, renamed]);
    const [row] = await test.db.select().from(products).where(eq(products.symbol, 'AAPL'));
    expect(row?.updatedAt.getTime()).toBeGreaterThan(row?.createdAt.getTime() ?? Infinity);
  });
});
