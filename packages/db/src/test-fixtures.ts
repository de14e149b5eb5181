import type {
  Candle,
  EnrichedChain,
  EnrichedOptionQuote,
  Product,
  UnderlyingTick,
} from '@deltastream/core/schemas';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Db } from './client';
import { createUser, type User } from './queries/users';
import * as schema from './schema';

// Data builders for the integration tests: valid wire objects with numbers that make each row recognisable.

export function makeProduct(symbol: string, overrides: Partial<Product> = {}): Product {
  return {
    symbol,
    name: `${symbol} index`,
    exchange: 'NSE',
    currency: 'INR',
    time_zone: 'Asia/Kolkata',
    base_price: 24_000,
    strike_step: 50,
    strikes_each_side: 10,
    lot_size: 75,
    volatility: 0.15,
    conventions: { model: 'black-scholes-merton', rate: 0.065, dividend_yield: 0.012, day_count: 'ACT/365' },
    expiry_rule: { weekday: 'THU', weekly: 2, monthly: 2, monthly_occurrence: 'last', expiry_time: '15:30' },
    holidays: ['2026-01-26'],
    ...overrides,
  };
}

export function makeTick(
  product: string,
  tickId: number,
  at: Date,
  price: number,
  volume?: number,
): UnderlyingTick {
  return {
    type: 'UNDERLYING',
    product,
    tick_id: tickId,
    timestamp: at.toISOString(),
    price,
    ...(volume === undefined ? {} : { volume }),
  };
}

/** The UTC calendar date `days` from now; ±days of margin keep it on the same side of "today" in any zone. */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function makeChain(options: {
  product: string;
  expiry: string;
  seq: number;
  at: Date;
  strikes?: number;
  spot?: number;
}): EnrichedChain {
  const { product, expiry, seq, at } = options;
  const spot = options.spot ?? 24_000 + seq;
  const strikes = Array.from({ length: options.strikes ?? 5 }, (_, i) => 23_900 + 50 * i);
  const timestamp = at.toISOString();
  const quote = (strike: number, option_type: 'CALL' | 'PUT', i: number): EnrichedOptionQuote => ({
    symbol: `${product}${expiry.replaceAll('-', '')}${strike}${option_type === 'CALL' ? 'CE' : 'PE'}`,
    product,
    strike,
    expiry,
    option_type,
    bid: 100 + i,
    ask: 101 + i,
    last: 100.5 + i + seq / 100,
    mid: 100.5 + i,
    volume: 1000 * (i + 1) + seq,
    open_interest: 50_000 + 10 * seq + i,
    oi_change: 10 * seq + i,
    price_change: i === 0 ? null : 0.01,
    buildup: i === 0 ? 'NEUTRAL' : 'LONG_BUILDUP',
    snapshot_oi_change: i === 0 ? null : 10,
    snapshot_price_change: i === 0 ? null : -0.25,
    iv: i === 0 ? null : 0.14 + i / 1000,
    delta: i === 0 ? null : option_type === 'CALL' ? 0.5 : -0.5,
    gamma: i === 0 ? null : 0.0004,
    vega: i === 0 ? null : 12.5,
    theta: i === 0 ? null : -8.25,
    rho: i === 0 ? null : 3.1,
    timestamp,
  });
  return {
    product,
    expiry,
    spot_price: spot,
    strikes,
    calls: strikes.map((k, i) => quote(k, 'CALL', i)),
    puts: strikes.map((k, i) => quote(k, 'PUT', i)),
    timestamp,
    seq,
    time_to_expiry_years: 0.02,
    conventions: { model: 'black-scholes-merton', rate: 0.065, dividend_yield: 0.012, day_count: 'ACT/365' },
    change_base: seq === 1 ? 'session_first' : 'previous_close',
    processed_at: new Date(at.getTime() + 5).toISOString(),
    pcr_oi: 1 + seq / 1000,
    pcr_volume: seq % 2 === 0 ? null : 0.9,
    atm_strike: 24_000,
    atm_straddle_price: 210.5,
    implied_move: 210.5,
    implied_move_pct: 0.877,
    atm_iv: 0.145,
    max_pain_strike: 23_950,
    total_call_oi: 250_000 + seq,
    total_put_oi: 260_000 + seq,
    total_call_volume: 15_000,
    total_put_volume: 14_000,
    call_buildup_otm: 120,
    put_buildup_otm: 80,
    gamma_exposure: { net_gamma_exposure: -1.5e9, call_wall: 24_100, put_wall: null, gamma_flip: 23_975.5 },
  };
}

export function makeCandle(
  product: string,
  bucketStart: string,
  ohlc: [open: number, high: number, low: number, close: number],
  volume: number,
  ticks: number,
  intervalSeconds = 60,
): Candle {
  const [open, high, low, close] = ohlc;
  return {
    product,
    interval_seconds: intervalSeconds,
    bucket_start: bucketStart,
    open,
    high,
    low,
    close,
    volume,
    ticks,
  };
}

/** A new user with `email`, for tests about what belongs to a user; the address must be unused. */
export async function createTestUser(db: Db, email: string, name = 'Trader'): Promise<User> {
  const user = await createUser(db, { email, passwordHash: 'x', name });
  if (!user) throw new Error(`${email} already exists`);
  return user;
}

/** EXPLAIN of every statement `run` sends, in order, joined: what the planner does for each. */
export async function explainQueries(
  client: postgres.Sql,
  run: (db: Db) => Promise<unknown>,
): Promise<string> {
  const statements: { query: string; params: unknown[] }[] = [];
  const recording = drizzle(client, {
    schema,
    logger: { logQuery: (query, params) => statements.push({ query, params }) },
  });
  await run(recording);
  if (statements.length === 0) throw new Error('the function sent no query');
  const plans = [];
  for (const statement of statements) {
    const plan = await client.unsafe(
      `explain ${statement.query}`,
      statement.params as postgres.ParameterOrJSON<never>[],
    );
    plans.push(plan.map((row) => String(row['QUERY PLAN'])).join('\n'));
  }
  return plans.join('\n---\n');
}

/** How many quotes are stored, over every snapshot (each snapshot's quotes are one row of arrays). */
export async function countStoredQuotes(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(cardinality(${schema.chainQuotes.strike})), 0)::int` })
    .from(schema.chainQuotes);
  return row?.n ?? 0;
}
