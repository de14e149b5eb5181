import type { ChainMetrics, EnrichedChain, EnrichedOptionQuote, OptionType } from '@deltastream/core/schemas';
import { and, desc, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { chainSnapshots, optionQuotes, products } from '../schema';
import { inTimeRange, type TimeRange } from './time-range';
import { insertFromUnnest, type UnnestColumn } from './unnest';

const chainKey = (product: string, expiry: string, seq: number | string) =>
  `${product}\u0000${expiry}\u0000${seq}`;

function snapshotColumns(chains: readonly EnrichedChain[]): UnnestColumn[] {
  const s = chainSnapshots;
  const column = (target: PgColumn, value: (c: EnrichedChain) => unknown): UnnestColumn => [
    target,
    chains.map(value),
  ];
  return [
    column(s.product, (c) => c.product),
    column(s.expiry, (c) => c.expiry),
    column(s.seq, (c) => c.seq),
    column(s.ts, (c) => c.timestamp),
    column(s.spotPrice, (c) => c.spot_price),
    column(s.timeToExpiryYears, (c) => c.time_to_expiry_years),
    column(s.pcrOi, (c) => c.pcr_oi),
    column(s.pcrVolume, (c) => c.pcr_volume),
    column(s.atmStrike, (c) => c.atm_strike),
    column(s.atmStraddlePrice, (c) => c.atm_straddle_price),
    column(s.impliedMove, (c) => c.implied_move),
    column(s.impliedMovePct, (c) => c.implied_move_pct),
    column(s.atmIv, (c) => c.atm_iv),
    column(s.maxPainStrike, (c) => c.max_pain_strike),
    column(s.totalCallOi, (c) => c.total_call_oi),
    column(s.totalPutOi, (c) => c.total_put_oi),
    column(s.totalCallVolume, (c) => c.total_call_volume),
    column(s.totalPutVolume, (c) => c.total_put_volume),
    column(s.callBuildupOtm, (c) => c.call_buildup_otm),
    column(s.putBuildupOtm, (c) => c.put_buildup_otm),
    column(s.netGammaExposure, (c) => c.gamma_exposure.net_gamma_exposure),
    column(s.callWall, (c) => c.gamma_exposure.call_wall),
    column(s.putWall, (c) => c.gamma_exposure.put_wall),
    column(s.gammaFlip, (c) => c.gamma_exposure.gamma_flip),
    column(s.conventions, (c) => JSON.stringify(c.conventions)),
    column(s.payload, (c) => JSON.stringify(c)),
  ];
}

interface QuoteOfChain {
  chain: EnrichedChain;
  quote: EnrichedOptionQuote;
}

function quoteColumns(quotes: readonly QuoteOfChain[]): UnnestColumn[] {
  const q = optionQuotes;
  const column = (target: PgColumn, value: (row: QuoteOfChain) => unknown): UnnestColumn => [
    target,
    quotes.map(value),
  ];
  return [
    column(q.product, ({ chain }) => chain.product),
    column(q.expiry, ({ chain }) => chain.expiry),
    column(q.seq, ({ chain }) => chain.seq),
    column(q.optionType, ({ quote }) => quote.option_type),
    column(q.strike, ({ quote }) => quote.strike),
    column(q.ts, ({ quote }) => quote.timestamp),
    column(q.bid, ({ quote }) => quote.bid),
    column(q.ask, ({ quote }) => quote.ask),
    column(q.last, ({ quote }) => quote.last),
    column(q.mid, ({ quote }) => quote.mid),
    column(q.volume, ({ quote }) => quote.volume),
    column(q.openInterest, ({ quote }) => quote.open_interest),
    column(q.oiChange, ({ quote }) => quote.oi_change),
    column(q.priceChange, ({ quote }) => quote.price_change),
    column(q.iv, ({ quote }) => quote.iv),
    column(q.delta, ({ quote }) => quote.delta),
    column(q.gamma, ({ quote }) => quote.gamma),
    column(q.vega, ({ quote }) => quote.vega),
    column(q.theta, ({ quote }) => quote.theta),
    column(q.rho, ({ quote }) => quote.rho),
    column(q.buildup, ({ quote }) => quote.buildup),
  ];
}

/**
 * Stores a batch of enriched chains in one transaction: one statement for the snapshots, one for the quotes
 * of those that were new. Returns the chains that were new (input order, each (product, expiry, seq) once);
 * a chain already stored is skipped with its quotes, so a retried job has no second effect.
 */
export async function insertChainSnapshots(
  db: Db,
  chains: readonly EnrichedChain[],
): Promise<EnrichedChain[]> {
  if (chains.length === 0) return [];
  return db.transaction(async (tx) => {
    const inserted = await tx.execute<{ product: string; expiry: string; seq: string }>(sql`
      ${insertFromUnnest(chainSnapshots, snapshotColumns(chains))}
      on conflict do nothing
      returning ${chainSnapshots.product}, ${chainSnapshots.expiry}, ${chainSnapshots.seq}`);
    const insertedKeys = new Set(inserted.map((row) => chainKey(row.product, row.expiry, row.seq)));
    // Deleting as we go keeps only the first of any chains repeated within the batch.
    const newChains = chains.filter((c) => insertedKeys.delete(chainKey(c.product, c.expiry, c.seq)));
    const quotes = newChains.flatMap((chain) =>
      [...chain.calls, ...chain.puts].map((quote) => ({ chain, quote })),
    );
    if (quotes.length > 0) {
      await tx.execute(insertFromUnnest(optionQuotes, quoteColumns(quotes)));
    }
    return newChains;
  });
}

/** The most recent snapshot of one expiry, as the worker enriched it. */
export async function getLatestChain(
  db: Db,
  query: { product: string; expiry: string },
): Promise<EnrichedChain | null> {
  const [row] = await db
    .select({ payload: chainSnapshots.payload })
    .from(chainSnapshots)
    .where(and(eq(chainSnapshots.product, query.product), eq(chainSnapshots.expiry, query.expiry)))
    .orderBy(desc(chainSnapshots.ts))
    .limit(1);
  return row?.payload ?? null;
}

/**
 * `with recursive expiries` listing the distinct expiries of a product (from `fromDate` on, when given) by
 * hopping through an index led by (product, expiry) one expiry at a time, instead of reading every snapshot
 * as DISTINCT would: a day of one-second snapshots is tens of thousands of rows per expiry.
 */
function distinctExpiries(product: string, fromDate?: SQL): SQL {
  const from = fromDate ? sql`and ${chainSnapshots.expiry} >= ${fromDate}` : sql``;
  return sql`
    with recursive expiries (expiry) as (
      (select ${chainSnapshots.expiry} from ${chainSnapshots}
        where ${chainSnapshots.product} = ${product} ${from}
        order by ${chainSnapshots.expiry} limit 1)
      union all
      select (select ${chainSnapshots.expiry} from ${chainSnapshots}
               where ${chainSnapshots.product} = ${product} and ${chainSnapshots.expiry} > expiries.expiry
               order by ${chainSnapshots.expiry} limit 1)
        from expiries
       where expiries.expiry is not null
    )`;
}

/** Every expiry with at least one stored snapshot, earliest first ('YYYY-MM-DD'). */
export async function listExpiries(db: Db, product: string): Promise<string[]> {
  const rows = await db.execute<{ expiry: string }>(sql`
    ${distinctExpiries(product)}
    select expiry from expiries where expiry is not null order by expiry`);
  return rows.map((row) => row.expiry);
}

/**
 * The latest snapshot of every live expiry (on or after today in the product's own time zone, the zone
 * its expiry dates are written in), earliest expiry first.
 */
export async function getLatestChains(db: Db, product: string): Promise<EnrichedChain[]> {
  const today = sql`(select (now() at time zone ${products.timeZone})::date from ${products} where ${products.symbol} = ${product})`;
  const rows = await db.execute<{ payload: EnrichedChain }>(sql`
    ${distinctExpiries(product, today)}
    select latest.payload
      from expiries
      cross join lateral (
        select ${chainSnapshots.payload} from ${chainSnapshots}
         where ${chainSnapshots.product} = ${product} and ${chainSnapshots.expiry} = expiries.expiry
         order by ${chainSnapshots.ts} desc
         limit 1
      ) latest
     order by expiries.expiry`);
  return rows.map((row) => row.payload);
}

/** One snapshot's metrics without its strikes: a point of the PCR, max-pain or implied-move trend. */
export type ChainHistoryPoint = {
  product: string;
  expiry: string;
  seq: number;
  timestamp: string;
  spot_price: number;
  time_to_expiry_years: number;
} & ChainMetrics;

const {
  payload: _payload,
  conventions: _conventions,
  id: _id,
  ...metricColumns
} = getTableColumns(chainSnapshots);

/** Metrics of one expiry's snapshots in [start, end), newest first. */
export async function getChainHistory(
  db: Db,
  query: { product: string; expiry: string; limit: number } & TimeRange,
): Promise<ChainHistoryPoint[]> {
  const rows = await db
    .select(metricColumns)
    .from(chainSnapshots)
    .where(
      and(
        eq(chainSnapshots.product, query.product),
        eq(chainSnapshots.expiry, query.expiry),
        ...inTimeRange(chainSnapshots.ts, query),
      ),
    )
    .orderBy(desc(chainSnapshots.ts))
    .limit(query.limit);
  return rows.map((row) => ({
    product: row.product,
    expiry: row.expiry,
    seq: row.seq,
    timestamp: row.ts.toISOString(),
    spot_price: row.spotPrice,
    time_to_expiry_years: row.timeToExpiryYears,
    pcr_oi: row.pcrOi,
    pcr_volume: row.pcrVolume,
    atm_strike: row.atmStrike,
    atm_straddle_price: row.atmStraddlePrice,
    implied_move: row.impliedMove,
    implied_move_pct: row.impliedMovePct,
    atm_iv: row.atmIv,
    max_pain_strike: row.maxPainStrike,
    total_call_oi: row.totalCallOi,
    total_put_oi: row.totalPutOi,
    total_call_volume: row.totalCallVolume,
    total_put_volume: row.totalPutVolume,
    call_buildup_otm: row.callBuildupOtm,
    put_buildup_otm: row.putBuildupOtm,
    gamma_exposure: {
      net_gamma_exposure: row.netGammaExposure,
      call_wall: row.callWall,
      put_wall: row.putWall,
      gamma_flip: row.gammaFlip,
    },
  }));
}

export interface PreviousQuotes {
  seq: number;
  timestamp: string;
  quotes: { option_type: OptionType; strike: number; open_interest: number; last: number }[];
}

/**
 * Per-strike open interest and last price of the stored snapshot with the highest seq (below `beforeSeq`
 * when given, so reprocessing a stored chain compares it with its predecessor, not with itself): what OI
 * and price change are measured against when the cache is cold.
 */
export async function getPreviousQuotes(
  db: Db,
  query: { product: string; expiry: string; beforeSeq?: number },
): Promise<PreviousQuotes | null> {
  const [snapshot] = await db
    .select({ seq: chainSnapshots.seq, ts: chainSnapshots.ts })
    .from(chainSnapshots)
    .where(
      and(
        eq(chainSnapshots.product, query.product),
        eq(chainSnapshots.expiry, query.expiry),
        query.beforeSeq === undefined ? undefined : lt(chainSnapshots.seq, query.beforeSeq),
      ),
    )
    .orderBy(desc(chainSnapshots.seq))
    .limit(1);
  if (!snapshot) return null;
  const quotes = await db
    .select({
      option_type: optionQuotes.optionType,
      strike: optionQuotes.strike,
      open_interest: optionQuotes.openInterest,
      last: optionQuotes.last,
    })
    .from(optionQuotes)
    .where(
      and(
        eq(optionQuotes.product, query.product),
        eq(optionQuotes.expiry, query.expiry),
        eq(optionQuotes.seq, snapshot.seq),
      ),
    );
  return { seq: snapshot.seq, timestamp: snapshot.ts.toISOString(), quotes };
}

/** One strike's quote in one snapshot: a point of its OI, IV or premium chart. */
export type StrikeHistoryPoint = Omit<
  EnrichedOptionQuote,
  'symbol' | 'product' | 'expiry' | 'option_type' | 'strike'
> & {
  seq: number;
};

/** One contract's quotes in [start, end), newest first. */
export async function getStrikeHistory(
  db: Db,
  query: {
    product: string;
    expiry: string;
    strike: number;
    optionType: OptionType;
    limit: number;
  } & TimeRange,
): Promise<StrikeHistoryPoint[]> {
  const q = optionQuotes;
  const rows = await db
    .select()
    .from(q)
    .where(
      and(
        eq(q.product, query.product),
        eq(q.expiry, query.expiry),
        eq(q.strike, query.strike),
        eq(q.optionType, query.optionType),
        ...inTimeRange(q.ts, query),
      ),
    )
    .orderBy(desc(q.ts))
    .limit(query.limit);
  return rows.map((row) => ({
    seq: row.seq,
    timestamp: row.ts.toISOString(),
    bid: row.bid,
    ask: row.ask,
    last: row.last,
    mid: row.mid,
    volume: row.volume,
    open_interest: row.openInterest,
    oi_change: row.oiChange,
    price_change: row.priceChange,
    buildup: row.buildup,
    iv: row.iv,
    delta: row.delta,
    gamma: row.gamma,
    vega: row.vega,
    theta: row.theta,
    rho: row.rho,
  }));
}
