import type {
  Buildup,
  ChainMetrics,
  EnrichedChain,
  EnrichedOptionQuote,
  OptionType,
} from '@deltastream/core/schemas';
import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ChainAtmIv } from '@deltastream/core/volatility';
import type { Db } from '../client';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { chainQuotes, chainSnapshots, products } from '../schema';
import { pagesOfSeries } from './series';
import { inTimeRange, type TimeRange } from './time-range';
import { arrayLiteral, columnNames, type ArrayElement } from './unnest';

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

/** A column and its value for one row (ISO strings for instants, JSON text for jsonb). */
type ColumnValue<Row> = readonly [column: PgColumn, value: (row: Row) => ArrayElement];

const SNAPSHOT_COLUMNS: readonly ColumnValue<EnrichedChain>[] = [
  [chainSnapshots.product, (c) => c.product],
  [chainSnapshots.expiry, (c) => c.expiry],
  [chainSnapshots.seq, (c) => c.seq],
  [chainSnapshots.ts, (c) => c.timestamp],
  [chainSnapshots.spotPrice, (c) => c.spot_price],
  [chainSnapshots.timeToExpiryYears, (c) => c.time_to_expiry_years],
  [chainSnapshots.pcrOi, (c) => c.pcr_oi],
  [chainSnapshots.pcrVolume, (c) => c.pcr_volume],
  [chainSnapshots.atmStrike, (c) => c.atm_strike],
  [chainSnapshots.atmStraddlePrice, (c) => c.atm_straddle_price],
  [chainSnapshots.impliedMove, (c) => c.implied_move],
  [chainSnapshots.impliedMovePct, (c) => c.implied_move_pct],
  [chainSnapshots.atmIv, (c) => c.atm_iv],
  [chainSnapshots.maxPainStrike, (c) => c.max_pain_strike],
  [chainSnapshots.totalCallOi, (c) => c.total_call_oi],
  [chainSnapshots.totalPutOi, (c) => c.total_put_oi],
  [chainSnapshots.totalCallVolume, (c) => c.total_call_volume],
  [chainSnapshots.totalPutVolume, (c) => c.total_put_volume],
  [chainSnapshots.callBuildupOtm, (c) => c.call_buildup_otm],
  [chainSnapshots.putBuildupOtm, (c) => c.put_buildup_otm],
  [chainSnapshots.netGammaExposure, (c) => c.gamma_exposure.net_gamma_exposure],
  [chainSnapshots.callWall, (c) => c.gamma_exposure.call_wall],
  [chainSnapshots.putWall, (c) => c.gamma_exposure.put_wall],
  [chainSnapshots.gammaFlip, (c) => c.gamma_exposure.gamma_flip],
  [chainSnapshots.conventions, (c) => JSON.stringify(c.conventions)],
  [chainSnapshots.processedAt, (c) => c.processed_at],
  [chainSnapshots.changeBase, (c) => c.change_base],
];

/** chain_quotes' arrays, one element per leg (see legsOf). */
const QUOTE_COLUMNS: readonly ColumnValue<EnrichedOptionQuote>[] = [
  [chainQuotes.symbol, (q) => q.symbol],
  [chainQuotes.optionType, (q) => q.option_type],
  [chainQuotes.strike, (q) => q.strike],
  [chainQuotes.ts, (q) => q.timestamp],
  [chainQuotes.bid, (q) => q.bid],
  [chainQuotes.ask, (q) => q.ask],
  [chainQuotes.last, (q) => q.last],
  [chainQuotes.mid, (q) => q.mid],
  [chainQuotes.volume, (q) => q.volume],
  [chainQuotes.openInterest, (q) => q.open_interest],
  [chainQuotes.oiChange, (q) => q.oi_change],
  [chainQuotes.priceChange, (q) => q.price_change],
  [chainQuotes.iv, (q) => q.iv],
  [chainQuotes.delta, (q) => q.delta],
  [chainQuotes.gamma, (q) => q.gamma],
  [chainQuotes.vega, (q) => q.vega],
  [chainQuotes.theta, (q) => q.theta],
  [chainQuotes.rho, (q) => q.rho],
  [chainQuotes.buildup, (q) => q.buildup],
  [chainQuotes.snapshotOiChange, (q) => q.snapshot_oi_change],
  [chainQuotes.snapshotPriceChange, (q) => q.snapshot_price_change],
];

/** A chain's quotes in chain_quotes' order: its calls, then its puts. */
const legsOf = (chain: EnrichedChain): EnrichedOptionQuote[] => [...chain.calls, ...chain.puts];

/**
 * Stores a batch of enriched chains in ONE statement: the snapshots that are new and, for exactly
 * those, their quotes — atomic, and a chain already stored (a retried job) has no second effect. A
 * chain is one row of values and one row of arrays (chain_quotes); each array travels as one literal
 * cast straight to its column's type, which PostgreSQL parses once (an array of literals unnested and
 * cast again parsed each twice, and cost it half as much again). Returns the chains that were new, in
 * input order.
 */
export async function insertChainSnapshots(
  db: Db,
  chains: readonly EnrichedChain[],
): Promise<EnrichedChain[]> {
  if (chains.length === 0) return [];
  const batch = distinctChains(chains);
  const snapshotRows = batch.map(
    (chain) =>
      sql`(${sql.join(
        SNAPSHOT_COLUMNS.map(([, value]) => sql`${value(chain)}`),
        sql`, `,
      )}, ${arrayLiteral(chain.strikes)})`,
  );
  const quoteRows = batch.map((chain) => {
    const legs = legsOf(chain);
    const arrays = QUOTE_COLUMNS.map(
      ([column, value]) => sql`${arrayLiteral(legs.map(value))}::${sql.raw(column.getSQLType())}[]`,
    );
    return sql`(${chain.product}, ${chain.expiry}::date, ${chain.seq}::bigint, ${sql.join(arrays, sql`, `)})`;
  });
  const s = chainSnapshots;
  const inserted = await db.execute<{ product: string; expiry: string; seq: string }>(sql`
    with inserted as (
      insert into ${s} (${columnNames(SNAPSHOT_COLUMNS)}, ${sql.identifier(s.strikes.name)})
      values ${sql.join(snapshotRows, sql`, `)}
      on conflict do nothing
      returning ${s.id}, ${s.product}, ${s.expiry}, ${s.seq}),
    quotes as (
      insert into ${chainQuotes} (${sql.identifier(chainQuotes.snapshotId.name)}, ${columnNames(QUOTE_COLUMNS)})
      select inserted.id, ${columnNames(QUOTE_COLUMNS)}
        from (values ${sql.join(quoteRows, sql`, `)}) as new(product, expiry, seq, ${columnNames(QUOTE_COLUMNS)})
        join inserted using (product, expiry, seq))
    select product, expiry::text as expiry, seq from inserted`);
  const insertedKeys = new Set(inserted.map((row) => chainKey(row.product, row.expiry, row.seq)));
  return chains.filter((c) => insertedKeys.delete(chainKey(c.product, c.expiry, c.seq)));
}

type SnapshotRow = typeof chainSnapshots.$inferSelect;

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

/**
 * A chain_quotes row as `to_json` writes it: arrays with their nulls and numbers as JSON has them (the
 * driver's own array parsing reads a NULL element of a float8[] as NaN and of an int8[] as 'NULL').
 */
interface QuotesJson {
  snapshot_id: number;
  symbol: string[];
  option_type: OptionType[];
  strike: number[];
  ts: string[];
  bid: number[];
  ask: number[];
  last: number[];
  mid: number[];
  volume: number[];
  open_interest: number[];
  oi_change: number[];
  price_change: (number | null)[];
  iv: (number | null)[];
  delta: (number | null)[];
  gamma: (number | null)[];
  vega: (number | null)[];
  theta: (number | null)[];
  rho: (number | null)[];
  buildup: Buildup[];
  snapshot_oi_change: (number | null)[];
  snapshot_price_change: (number | null)[];
}

/** The chain_quotes rows of these snapshots, by snapshot id. */
async function quotesOf(db: Db, snapshotIds: readonly number[]): Promise<Map<number, QuotesJson>> {
  const rows = await db.execute<{ quotes: QuotesJson }>(sql`
    select to_json(${chainQuotes}) as quotes from ${chainQuotes}
     where ${chainQuotes.snapshotId} = any(${arrayLiteral(snapshotIds)}::bigint[])`);
  return new Map(rows.map(({ quotes }) => [Number(quotes.snapshot_id), quotes]));
}

/** Leg `i` of a snapshot's quotes. */
function quoteAt(snapshot: SnapshotRow, quotes: QuotesJson, i: number): EnrichedOptionQuote {
  return {
    symbol: quotes.symbol[i]!,
    product: snapshot.product,
    strike: quotes.strike[i]!,
    expiry: snapshot.expiry,
    option_type: quotes.option_type[i]!,
    bid: quotes.bid[i]!,
    ask: quotes.ask[i]!,
    last: quotes.last[i]!,
    mid: quotes.mid[i]!,
    volume: quotes.volume[i]!,
    open_interest: quotes.open_interest[i]!,
    oi_change: quotes.oi_change[i]!,
    price_change: quotes.price_change[i]!,
    buildup: quotes.buildup[i]!,
    snapshot_oi_change: quotes.snapshot_oi_change[i]!,
    snapshot_price_change: quotes.snapshot_price_change[i]!,
    iv: quotes.iv[i]!,
    delta: quotes.delta[i]!,
    gamma: quotes.gamma[i]!,
    vega: quotes.vega[i]!,
    theta: quotes.theta[i]!,
    rho: quotes.rho[i]!,
    timestamp: new Date(quotes.ts[i]!).toISOString(),
  };
}

/** Rebuilds enriched chains from their snapshot rows and quotes (each side in the stored order). */
async function withQuotes(db: Db, snapshots: readonly SnapshotRow[]): Promise<EnrichedChain[]> {
  if (snapshots.length === 0) return [];
  const quotesBySnapshot = await quotesOf(
    db,
    snapshots.map((row) => row.id),
  );
  return snapshots.map((row) => {
    const quotes = quotesBySnapshot.get(row.id);
    const legs = quotes ? quotes.strike.map((_, i) => quoteAt(row, quotes, i)) : [];
    return {
      product: row.product,
      expiry: row.expiry,
      spot_price: row.spotPrice,
      strikes: row.strikes,
      calls: legs.filter((leg) => leg.option_type === 'CALL'),
      puts: legs.filter((leg) => leg.option_type === 'PUT'),
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
  return pagesOfSeries(
    {
      rows: () =>
        db
          .select({ ...metricColumns, id: c.id })
          .from(c)
          .$dynamic(),
      filter: [eq(c.product, query.product), eq(c.expiry, query.expiry), ...inTimeRange(c.ts, query)],
      keys: [
        { column: c.ts, value: (row) => row.ts },
        { column: c.id, value: (row) => row.id },
      ],
      map: toHistoryPoint,
    },
    query,
  );
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
    .select({ id: chainSnapshots.id, seq: chainSnapshots.seq, ts: chainSnapshots.ts })
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
  const quotes = (await quotesOf(db, [snapshot.id])).get(snapshot.id);
  return {
    seq: snapshot.seq,
    timestamp: snapshot.ts.toISOString(),
    quotes: (quotes?.strike ?? []).map((strike, i) => ({
      option_type: quotes!.option_type[i]!,
      strike,
      open_interest: quotes!.open_interest[i]!,
      premium: quotes!.mid[i]!,
    })),
  };
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

const contractKey = (optionType: OptionType, strike: number) => `${optionType} ${strike}`;

/** `contracts`' quotes in one snapshot's quotes; the contracts it does not quote are left out. */
function contractQuotesIn(quotes: QuotesJson, contracts: ContractsQuery['contracts']): ContractQuote[] {
  const legs = new Map(quotes.strike.map((strike, i) => [contractKey(quotes.option_type[i]!, strike), i]));
  return contracts.flatMap(({ option_type, strike }) => {
    const i = legs.get(contractKey(option_type, strike));
    return i === undefined
      ? []
      : [{ option_type, strike, open_interest: quotes.open_interest[i]!, premium: quotes.mid[i]! }];
  });
}

/**
 * For each listed contract, one stored quote chosen by `where` and `order` over its expiry's snapshots
 * (limit 1). The first snapshot in that order usually quotes every contract, so it is read first: one
 * probe of chain_snapshots_product_expiry_ts_idx and one row of quotes. Contracts it lacks (strikes that
 * joined the ladder since) are then looked up one by one, walking the expiry's snapshots and reading the
 * quotes only of those whose `strikes` list the contract's. Contracts without such a quote are left out.
 */
async function oneQuotePerContract(
  db: Db,
  query: ContractsQuery,
  where: SQL,
  order: SQL,
): Promise<ContractQuote[]> {
  if (query.contracts.length === 0) return [];
  const s = chainSnapshots;
  const inExpiry = and(eq(s.product, query.product), eq(s.expiry, query.expiry), where);
  const [first] = await db.select({ id: s.id }).from(s).where(inExpiry).orderBy(order).limit(1);
  if (!first) return [];
  const firstQuotes = (await quotesOf(db, [first.id])).get(first.id);
  const found = firstQuotes ? contractQuotesIn(firstQuotes, query.contracts) : [];
  if (found.length === query.contracts.length) return found;
  const foundKeys = new Set(found.map((quote) => contractKey(quote.option_type, quote.strike)));
  const rest = query.contracts.filter((c) => !foundKeys.has(contractKey(c.option_type, c.strike)));
  const q = chainQuotes;
  const rows = await db.execute<{
    option_type: OptionType;
    strike: number;
    open_interest: string;
    premium: number;
  }>(sql`
    select contract.option_type, contract.strike, found.open_interest, found.premium
      from unnest(${arrayLiteral(rest.map((c) => c.option_type))}::text[],
                  ${arrayLiteral(rest.map((c) => c.strike))}::double precision[]) as contract(option_type, strike)
      cross join lateral (
        select ${q.openInterest}[leg] as open_interest, ${q.mid}[leg] as premium
          from ${s}
          join ${q} on ${q.snapshotId} = ${s.id}
          cross join lateral unnest(array_positions(${q.strike}, contract.strike)) as leg
         where ${inExpiry} and ${s.strikes} @> array[contract.strike]
           and ${q.optionType}[leg] = contract.option_type
         order by ${order}
         limit 1
      ) found`);
  return [
    ...found,
    ...rows.map((row) => ({
      option_type: row.option_type,
      strike: Number(row.strike),
      open_interest: Number(row.open_interest),
      premium: Number(row.premium),
    })),
  ];
}

/**
 * Each listed contract's last stored quote before `before` (the start of a trading session): its close
 * of the previous session, or of the last session it was quoted in.
 */
export function getLastQuotesBefore(
  db: Db,
  query: ContractsQuery & { before: Date },
): Promise<ContractQuote[]> {
  return oneQuotePerContract(db, query, lt(chainSnapshots.ts, query.before), desc(chainSnapshots.ts));
}

/** Each listed contract's first stored quote in [from, through]: its first quote of a session so far. */
export function getFirstQuotesBetween(
  db: Db,
  query: ContractsQuery & { from: Date; through: Date },
): Promise<ContractQuote[]> {
  return oneQuotePerContract(
    db,
    query,
    and(gte(chainSnapshots.ts, query.from), lte(chainSnapshots.ts, query.through))!,
    asc(chainSnapshots.ts),
  );
}
