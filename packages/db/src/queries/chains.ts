import type { ChainMetrics, EnrichedChain, EnrichedOptionQuote, OptionType } from '@deltastream/core/schemas';
import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ChainAtmIv } from '@deltastream/core/volatility';
import type { Db } from '../client';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { chainSnapshots, optionQuotes, products } from '../schema';
import { latestRowsInPages, type PageRead } from './pages';
import { inTimeRange, type TimeRange } from './time-range';
import { arrayLiteral, columnNames, unnest, type ArrayElement, type UnnestColumn } from './unnest';

const chainKey = (product: string, expiry: string, seq: number | string) =>
  `${product}\u0000${expiry}\u0000${seq}`;

/** The first chain of each (product, expiry, seq) in the batch, in input order. */
function distinctChains(chains: readonly EnrichedChain[]): EnrichedChain[] {
  const seen = new Set<string>();
  return chains.filter((c) => {
    const key = chainKey(c.product, c.expiry, c.seq);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Stores a batch of enriched chains in ONE statement: the snapshots that are new and, for exactly
 * those, their quotes — atomic, and a chain already stored (a retried job) has no second effect.
 * Every column travels as one array literal (see unnest.ts), so the cost is one parse per column in
 * PostgreSQL rather than thousands of driver-escaped values. Returns the chains that were new, in
 * input order.
 */
export async function insertChainSnapshots(
  db: Db,
  chains: readonly EnrichedChain[],
): Promise<EnrichedChain[]> {
  if (chains.length === 0) return [];
  const batch = distinctChains(chains);
  const s = chainSnapshots;
  const q = optionQuotes;
  const snapshot = (column: PgColumn, value: (c: EnrichedChain) => ArrayElement): UnnestColumn => [
    column,
    batch.map(value),
  ];
  const snapshotColumns: UnnestColumn[] = [
    snapshot(s.product, (c) => c.product),
    snapshot(s.expiry, (c) => c.expiry),
    snapshot(s.seq, (c) => c.seq),
    snapshot(s.ts, (c) => c.timestamp),
    snapshot(s.spotPrice, (c) => c.spot_price),
    snapshot(s.timeToExpiryYears, (c) => c.time_to_expiry_years),
    snapshot(s.pcrOi, (c) => c.pcr_oi),
    snapshot(s.pcrVolume, (c) => c.pcr_volume),
    snapshot(s.atmStrike, (c) => c.atm_strike),
    snapshot(s.atmStraddlePrice, (c) => c.atm_straddle_price),
    snapshot(s.impliedMove, (c) => c.implied_move),
    snapshot(s.impliedMovePct, (c) => c.implied_move_pct),
    snapshot(s.atmIv, (c) => c.atm_iv),
    snapshot(s.maxPainStrike, (c) => c.max_pain_strike),
    snapshot(s.totalCallOi, (c) => c.total_call_oi),
    snapshot(s.totalPutOi, (c) => c.total_put_oi),
    snapshot(s.totalCallVolume, (c) => c.total_call_volume),
    snapshot(s.totalPutVolume, (c) => c.total_put_volume),
    snapshot(s.callBuildupOtm, (c) => c.call_buildup_otm),
    snapshot(s.putBuildupOtm, (c) => c.put_buildup_otm),
    snapshot(s.netGammaExposure, (c) => c.gamma_exposure.net_gamma_exposure),
    snapshot(s.callWall, (c) => c.gamma_exposure.call_wall),
    snapshot(s.putWall, (c) => c.gamma_exposure.put_wall),
    snapshot(s.gammaFlip, (c) => c.gamma_exposure.gamma_flip),
    snapshot(s.conventions, (c) => JSON.stringify(c.conventions)),
    snapshot(s.processedAt, (c) => c.processed_at),
    snapshot(s.changeBase, (c) => c.change_base),
  ];
  // Strike lists differ in length between chains, so they travel as text and are cast one by one.
  const strikeLists = arrayLiteral(batch.map((c) => arrayLiteral(c.strikes)));

  const rows = batch.flatMap((chain) => [...chain.calls, ...chain.puts].map((quote) => ({ chain, quote })));
  const quote = (column: PgColumn, value: (row: (typeof rows)[number]) => ArrayElement): UnnestColumn => [
    column,
    rows.map(value),
  ];
  const quoteColumns: UnnestColumn[] = [
    quote(q.product, ({ chain }) => chain.product),
    quote(q.expiry, ({ chain }) => chain.expiry),
    quote(q.seq, ({ chain }) => chain.seq),
    quote(q.symbol, (r) => r.quote.symbol),
    quote(q.optionType, (r) => r.quote.option_type),
    quote(q.strike, (r) => r.quote.strike),
    quote(q.ts, (r) => r.quote.timestamp),
    quote(q.bid, (r) => r.quote.bid),
    quote(q.ask, (r) => r.quote.ask),
    quote(q.last, (r) => r.quote.last),
    quote(q.mid, (r) => r.quote.mid),
    quote(q.volume, (r) => r.quote.volume),
    quote(q.openInterest, (r) => r.quote.open_interest),
    quote(q.oiChange, (r) => r.quote.oi_change),
    quote(q.priceChange, (r) => r.quote.price_change),
    quote(q.iv, (r) => r.quote.iv),
    quote(q.delta, (r) => r.quote.delta),
    quote(q.gamma, (r) => r.quote.gamma),
    quote(q.vega, (r) => r.quote.vega),
    quote(q.theta, (r) => r.quote.theta),
    quote(q.rho, (r) => r.quote.rho),
    quote(q.buildup, (r) => r.quote.buildup),
    quote(q.snapshotOiChange, (r) => r.quote.snapshot_oi_change),
    quote(q.snapshotPriceChange, (r) => r.quote.snapshot_price_change),
  ];

  const inserted = await db.execute<{ product: string; expiry: string; seq: string }>(sql`
    with inserted as (
      insert into ${s} (${columnNames(snapshotColumns)}, ${sql.identifier(s.strikes.name)})
      select ${columnNames(snapshotColumns)}, strike_list::double precision[]
        from ${unnest(snapshotColumns)} with ordinality as new(${columnNames(snapshotColumns)}, position)
        join unnest(${strikeLists}::text[]) with ordinality as strikes(strike_list, position) using (position)
      on conflict do nothing
      returning ${s.product}, ${s.expiry}, ${s.seq}),
    quotes as (
      insert into ${q} (${columnNames(quoteColumns)})
      select new.*
        from ${unnest(quoteColumns)} as new(${columnNames(quoteColumns)})
        join inserted using (product, expiry, seq))
    select product, expiry::text as expiry, seq from inserted`);
  const insertedKeys = new Set(inserted.map((row) => chainKey(row.product, row.expiry, row.seq)));
  return chains.filter((c) => insertedKeys.delete(chainKey(c.product, c.expiry, c.seq)));
}

type SnapshotRow = typeof chainSnapshots.$inferSelect;
type QuoteRow = typeof optionQuotes.$inferSelect;

function toMetrics(
  row: Omit<SnapshotRow, 'id' | 'conventions' | 'strikes' | 'processedAt' | 'changeBase'>,
): ChainMetrics {
  return {
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
  };
}

function toEnrichedQuote(row: QuoteRow): EnrichedOptionQuote {
  return {
    symbol: row.symbol,
    product: row.product,
    strike: row.strike,
    expiry: row.expiry,
    option_type: row.optionType,
    bid: row.bid,
    ask: row.ask,
    last: row.last,
    mid: row.mid,
    volume: row.volume,
    open_interest: row.openInterest,
    oi_change: row.oiChange,
    price_change: row.priceChange,
    buildup: row.buildup,
    snapshot_oi_change: row.snapshotOiChange,
    snapshot_price_change: row.snapshotPriceChange,
    iv: row.iv,
    delta: row.delta,
    gamma: row.gamma,
    vega: row.vega,
    theta: row.theta,
    rho: row.rho,
    timestamp: row.ts.toISOString(),
  };
}

/** Rebuilds enriched chains from their snapshot rows and quote rows (quotes in strike order). */
async function withQuotes(db: Db, snapshots: readonly SnapshotRow[]): Promise<EnrichedChain[]> {
  if (snapshots.length === 0) return [];
  const q = optionQuotes;
  const keys = snapshots.map((row) => sql`(${row.product}, ${row.expiry}::date, ${row.seq}::bigint)`);
  const quotes = await db
    .select()
    .from(q)
    .where(sql`(${q.product}, ${q.expiry}, ${q.seq}) in (${sql.join(keys, sql`, `)})`)
    .orderBy(q.strike);
  const bySnapshot = new Map<string, { calls: EnrichedOptionQuote[]; puts: EnrichedOptionQuote[] }>();
  for (const row of quotes) {
    const key = chainKey(row.product, row.expiry, row.seq);
    const sides = bySnapshot.get(key) ?? { calls: [], puts: [] };
    (row.optionType === 'CALL' ? sides.calls : sides.puts).push(toEnrichedQuote(row));
    bySnapshot.set(key, sides);
  }
  return snapshots.map((row) => {
    const sides = bySnapshot.get(chainKey(row.product, row.expiry, row.seq)) ?? { calls: [], puts: [] };
    return {
      product: row.product,
      expiry: row.expiry,
      spot_price: row.spotPrice,
      strikes: row.strikes,
      calls: sides.calls,
      puts: sides.puts,
      timestamp: row.ts.toISOString(),
      seq: row.seq,
      time_to_expiry_years: row.timeToExpiryYears,
      conventions: row.conventions,
      change_base: row.changeBase,
      processed_at: row.processedAt.toISOString(),
      ...toMetrics(row),
    };
  });
}

/** The newest `limit` snapshots of one expiry, newest first, as the worker enriched them. */
export async function getRecentChains(
  db: Db,
  query: { product: string; expiry: string; limit: number },
): Promise<EnrichedChain[]> {
  const rows = await db
    .select()
    .from(chainSnapshots)
    .where(and(eq(chainSnapshots.product, query.product), eq(chainSnapshots.expiry, query.expiry)))
    .orderBy(desc(chainSnapshots.ts))
    .limit(query.limit);
  return withQuotes(db, rows);
}

/** The most recent snapshot of one expiry, as the worker enriched it. */
export async function getLatestChain(
  db: Db,
  query: { product: string; expiry: string },
): Promise<EnrichedChain | null> {
  const [chain] = await getRecentChains(db, { ...query, limit: 1 });
  return chain ?? null;
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
  const latest = await db.execute<{ id: string }>(sql`
    ${distinctExpiries(product, today)}
    select latest.id
      from expiries
      cross join lateral (
        select ${chainSnapshots.id} from ${chainSnapshots}
         where ${chainSnapshots.product} = ${product} and ${chainSnapshots.expiry} = expiries.expiry
         order by ${chainSnapshots.ts} desc
         limit 1
      ) latest`);
  if (latest.length === 0) return [];
  const rows = await db
    .select()
    .from(chainSnapshots)
    .where(
      inArray(
        chainSnapshots.id,
        latest.map((row) => Number(row.id)),
      ),
    )
    .orderBy(chainSnapshots.expiry);
  return withQuotes(db, rows);
}

/**
 * How far apart the chains of one product's snapshot may lie: each expiry's chain is taken from within this
 * span before the product's latest chain (chains of an expiry arrive about once a second, so a gap this
 * long means its chains had stopped, and an older one would be of another market).
 */
export const SNAPSHOT_SPAN_MS = 5 * 60_000;

/**
 * The product's ATM IV by expiry as it stood at `at`: for each expiry not yet past on the exchange date of
 * the product's latest chain stored at or before `at`, its latest chain at or before `at` and within
 * SNAPSHOT_SPAN_MS of that one; earliest expiry first, empty when nothing was stored by then. Feed it to
 * atmTermStructure; a day and a week before now give compareTermStructures its earlier curves. Reads
 * one index probe per expiry, only the snapshot columns.
 */
export async function getChainAtmIvsAt(db: Db, query: { product: string; at: Date }): Promise<ChainAtmIv[]> {
  const s = chainSnapshots;
  const [anchor] = await db
    .select({ ts: s.ts })
    .from(s)
    .where(and(eq(s.product, query.product), lte(s.ts, query.at)))
    .orderBy(desc(s.ts))
    .limit(1);
  if (!anchor) return [];
  const anchorAt = anchor.ts.toISOString();
  const anchorDate = sql`(select (${anchorAt}::timestamptz at time zone ${products.timeZone})::date from ${products} where ${products.symbol} = ${query.product})`;
  const rows = await db.execute<{
    expiry: string;
    ts_ms: number;
    time_to_expiry_years: number;
    atm_iv: number | null;
  }>(sql`
    ${distinctExpiries(query.product, anchorDate)}
    select latest.*
      from expiries
      cross join lateral (
        select ${s.expiry}::text as expiry, extract(epoch from ${s.ts})::float8 * 1000 as ts_ms,
               ${s.timeToExpiryYears} as time_to_expiry_years, ${s.atmIv} as atm_iv
          from ${s}
         where ${s.product} = ${query.product} and ${s.expiry} = expiries.expiry
           and ${s.ts} <= ${query.at.toISOString()}::timestamptz
           and ${s.ts} > ${anchorAt}::timestamptz - make_interval(secs => ${SNAPSHOT_SPAN_MS / 1000})
         order by ${s.ts} desc
         limit 1
      ) latest
     order by latest.expiry`);
  return rows.map((row) => ({
    expiry: row.expiry,
    timestamp: new Date(row.ts_ms).toISOString(),
    time_to_expiry_years: row.time_to_expiry_years,
    atm_iv: row.atm_iv,
  }));
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
  conventions: _conventions,
  strikes: _strikes,
  processedAt: _processedAt,
  changeBase: _changeBase,
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
    .orderBy(desc(chainSnapshots.ts), desc(chainSnapshots.id))
    .limit(query.limit);
  return rows.map(toHistoryPoint);
}

function toHistoryPoint(
  row: Omit<SnapshotRow, 'id' | 'conventions' | 'strikes' | 'processedAt' | 'changeBase'>,
): ChainHistoryPoint {
  return {
    product: row.product,
    expiry: row.expiry,
    seq: row.seq,
    timestamp: row.ts.toISOString(),
    spot_price: row.spotPrice,
    time_to_expiry_years: row.timeToExpiryYears,
    ...toMetrics(row),
  };
}

/**
 * The snapshots getChainHistory reads (the latest `limit` in [start, end)), oldest first, in pages of
 * `pageSize`: for exports of long trends. Snapshots stamped alike follow their id.
 */
export function getChainHistoryPages(
  db: Db,
  query: { product: string; expiry: string; limit: number; pageSize?: number } & TimeRange,
): AsyncGenerator<ChainHistoryPoint[]> {
  const c = chainSnapshots;
  const inRange = [eq(c.product, query.product), eq(c.expiry, query.expiry), ...inTimeRange(c.ts, query)];
  type Row = Awaited<ReturnType<typeof selectPage>>[number];
  const selectPage = (page: PageRead) =>
    db
      .select({ ...metricColumns, id: c.id })
      .from(c)
      .where(and(...inRange, page.after))
      .orderBy(...page.orderBy)
      .offset(page.offset)
      .limit(page.size);
  return latestRowsInPages({
    limit: query.limit,
    ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
    keys: [
      { column: c.ts, value: (row: Row) => row.ts },
      { column: c.id, value: (row: Row) => row.id },
    ],
    select: selectPage,
    map: toHistoryPoint,
  });
}

/** One contract's open interest and premium in one stored quote (the premium is the stored `mid`). */
export interface ContractQuote {
  option_type: OptionType;
  strike: number;
  open_interest: number;
  premium: number;
}

export interface PreviousQuotes {
  seq: number;
  timestamp: string;
  quotes: ContractQuote[];
}

const contractColumns = {
  option_type: optionQuotes.optionType,
  strike: optionQuotes.strike,
  open_interest: optionQuotes.openInterest,
  premium: optionQuotes.mid,
};

/**
 * Per-contract open interest and premium of the stored snapshot with the highest seq (below `beforeSeq`
 * when given, so reprocessing a stored chain compares it with its predecessor, not with itself): what the
 * snapshot changes are measured against when the cache is cold.
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
    .select(contractColumns)
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

/** Whether anything of `product` was stored before `before`: whether a session has a previous close. */
export async function hasChainSnapshotBefore(
  db: Db,
  query: { product: string; before: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ seq: chainSnapshots.seq })
    .from(chainSnapshots)
    .where(and(eq(chainSnapshots.product, query.product), lt(chainSnapshots.ts, query.before)))
    // The newest such row, so the planner reads it off chain_snapshots_product_ts_idx in one probe.
    .orderBy(desc(chainSnapshots.ts))
    .limit(1);
  return row !== undefined;
}

/** The contracts of one expiry a base is looked up for. */
export interface ContractsQuery {
  product: string;
  expiry: string;
  contracts: readonly { option_type: OptionType; strike: number }[];
}

/**
 * For each listed contract, one stored quote chosen by `where` and `order` (limit 1): a lateral join over
 * the contracts, so each is one probe of option_quotes_strike_history_idx (product, expiry, strike,
 * option_type, ts), however much history lies before or after. Contracts without such a quote are left out.
 */
async function oneQuotePerContract(
  db: Db,
  query: ContractsQuery,
  where: SQL,
  order: SQL,
): Promise<ContractQuote[]> {
  if (query.contracts.length === 0) return [];
  const q = optionQuotes;
  const types = arrayLiteral(query.contracts.map((contract) => contract.option_type));
  const strikes = arrayLiteral(query.contracts.map((contract) => contract.strike));
  const rows = await db.execute<{
    option_type: OptionType;
    strike: number;
    open_interest: string;
    premium: number;
  }>(sql`
    select contract.option_type, contract.strike, found.open_interest, found.premium
      from unnest(${types}::text[], ${strikes}::double precision[]) as contract(option_type, strike)
      cross join lateral (
        select ${q.openInterest} as open_interest, ${q.mid} as premium from ${q}
         where ${q.product} = ${query.product} and ${q.expiry} = ${query.expiry}
           and ${q.strike} = contract.strike and ${q.optionType} = contract.option_type and ${where}
         order by ${order}
         limit 1
      ) found`);
  return rows.map((row) => ({
    option_type: row.option_type,
    strike: Number(row.strike),
    open_interest: Number(row.open_interest),
    premium: Number(row.premium),
  }));
}

/**
 * Each listed contract's last stored quote before `before` (the start of a trading session): its close
 * of the previous session, or of the last session it was quoted in.
 */
export function getLastQuotesBefore(
  db: Db,
  query: ContractsQuery & { before: Date },
): Promise<ContractQuote[]> {
  return oneQuotePerContract(db, query, lt(optionQuotes.ts, query.before), desc(optionQuotes.ts));
}

/** Each listed contract's first stored quote in [from, through]: its first quote of a session so far. */
export function getFirstQuotesBetween(
  db: Db,
  query: ContractsQuery & { from: Date; through: Date },
): Promise<ContractQuote[]> {
  return oneQuotePerContract(
    db,
    query,
    and(gte(optionQuotes.ts, query.from), lte(optionQuotes.ts, query.through))!,
    asc(optionQuotes.ts),
  );
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
  return rows.map((row) => {
    const {
      symbol: _symbol,
      product: _product,
      expiry: _expiry,
      option_type: _type,
      strike: _strike,
      ...point
    } = toEnrichedQuote(row);
    return { seq: row.seq, ...point };
  });
}
