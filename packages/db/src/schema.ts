import type {
  Buildup,
  ChangeBase,
  ExpiryRule,
  IvSource,
  OptionType,
  PricingConventions,
} from '@deltastream/core/schemas';
import type { AlertCondition } from '@deltastream/core/alerts';
import type { Strategy } from '@deltastream/core/strategy';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * The one source of truth for tables: migrations are generated from this file (`npm run db:generate`).
 * Column names are snake_case; instants are `timestamptz` read as `Date`; expiries are `date` read as
 * 'YYYY-MM-DD' (the wire format); prices are float8 because every price is computed in float64 anyway;
 * quantities are int8 read as `number` (they stay far below 2^53).
 * Time indexes are `ts DESC NULLS FIRST`, which is what `ORDER BY ts DESC` means in PostgreSQL: drizzle-kit's
 * default for `.desc()` is NULLS LAST, an order that query cannot read from the index.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const quantity = (name: string) => bigint(name, { mode: 'number' });

/** The product a row belongs to: a symbol of the catalogue. */
const catalogueProduct = () =>
  text('product')
    .notNull()
    .references(() => products.symbol);

/** A bar of the underlying, whatever its length (candles at the worker's intervals, daily candles). */
const ohlcvColumns = () => ({
  open: doublePrecision('open').notNull(),
  high: doublePrecision('high').notNull(),
  low: doublePrecision('low').notNull(),
  close: doublePrecision('close').notNull(),
  volume: quantity('volume').notNull(),
});

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The product catalogue (seeded from `config/products.json`); `active` is the one field seeding leaves alone.
 * `catalogue_position` keeps the catalogue's own order (its first product is the one a new user sees first).
 */
export const products = pgTable('products', {
  symbol: text('symbol').primaryKey(),
  cataloguePosition: integer('catalogue_position').notNull().default(0),
  name: text('name').notNull(),
  exchange: text('exchange').notNull(),
  currency: text('currency').notNull(),
  timeZone: text('time_zone').notNull(),
  basePrice: doublePrecision('base_price').notNull(),
  strikeStep: doublePrecision('strike_step').notNull(),
  strikesEachSide: integer('strikes_each_side').notNull(),
  lotSize: integer('lot_size').notNull(),
  volatility: doublePrecision('volatility').notNull(),
  conventions: jsonb('conventions').$type<PricingConventions>().notNull(),
  expiryRule: jsonb('expiry_rule').$type<ExpiryRule>().notNull(),
  holidays: jsonb('holidays').$type<string[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull().default('user'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Emails are compared case-insensitively by storing them lower-case; the check keeps a writer
    // that forgot to normalise from creating a second account for the same address.
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_role_check', sql`${t.role} in ('user', 'admin')`),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters of the secret, shown in the UI so a user can tell tokens apart. */
    tokenPrefix: text('token_prefix').notNull(),
    /** SHA-256 of the secret, lower-case hex: the secret itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastUsedAt: instant('last_used_at'),
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    index('api_tokens_user_id_idx').on(t.userId),
    check('api_tokens_token_hash_sha256_hex', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Ticks of the underlying; the primary key is the feed's per-product sequence, so a replayed tick is a no-op. */
export const underlyingTicks = pgTable(
  'underlying_ticks',
  {
    product: catalogueProduct(),
    tickId: quantity('tick_id').notNull(),
    ts: instant('ts').notNull(),
    price: doublePrecision('price').notNull(),
    volume: quantity('volume'),
  },
  (t) => [
    primaryKey({ columns: [t.product, t.tickId] }),
    index('underlying_ticks_product_ts_idx').on(t.product, t.ts.desc().nullsFirst()),
  ],
);

/**
 * One row per enriched chain: its metrics as columns (for history and trend queries). Its quotes are
 * its row of chain_quotes; together they rebuild the enriched chain exactly, without storing the chain
 * twice.
 */
export const chainSnapshots = pgTable(
  'chain_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    product: catalogueProduct(),
    expiry: date('expiry', { mode: 'string' }).notNull(),
    seq: quantity('seq').notNull(),
    ts: instant('ts').notNull(),
    spotPrice: doublePrecision('spot_price').notNull(),
    timeToExpiryYears: doublePrecision('time_to_expiry_years').notNull(),
    pcrOi: doublePrecision('pcr_oi'),
    pcrVolume: doublePrecision('pcr_volume'),
    atmStrike: doublePrecision('atm_strike').notNull(),
    atmStraddlePrice: doublePrecision('atm_straddle_price'),
    impliedMove: doublePrecision('implied_move'),
    impliedMovePct: doublePrecision('implied_move_pct'),
    atmIv: doublePrecision('atm_iv'),
    maxPainStrike: doublePrecision('max_pain_strike').notNull(),
    totalCallOi: quantity('total_call_oi').notNull(),
    totalPutOi: quantity('total_put_oi').notNull(),
    totalCallVolume: quantity('total_call_volume').notNull(),
    totalPutVolume: quantity('total_put_volume').notNull(),
    callBuildupOtm: quantity('call_buildup_otm').notNull(),
    putBuildupOtm: quantity('put_buildup_otm').notNull(),
    netGammaExposure: doublePrecision('net_gamma_exposure').notNull(),
    callWall: doublePrecision('call_wall'),
    putWall: doublePrecision('put_wall'),
    gammaFlip: doublePrecision('gamma_flip'),
    conventions: jsonb('conventions').$type<PricingConventions>().notNull(),
    strikes: doublePrecision('strikes').array().notNull(),
    processedAt: instant('processed_at').notNull(),
    /** What the quotes' oi_change and price_change are against; null on rows stored before it was recorded. */
    changeBase: text('change_base').$type<ChangeBase>(),
  },
  (t) => [
    unique('chain_snapshots_product_expiry_seq_key').on(t.product, t.expiry, t.seq),
    check('chain_snapshots_change_base_check', sql`${t.changeBase} in ('previous_close', 'session_first')`),
    index('chain_snapshots_product_expiry_ts_idx').on(t.product, t.expiry, t.ts.desc().nullsFirst()),
    index('chain_snapshots_product_ts_idx').on(t.product, t.ts.desc().nullsFirst()),
  ],
);

/**
 * The quotes of one snapshot, column-wise: element i of every array is leg i of the chain (its calls, then
 * its puts, each in the chain's order), so a snapshot's 200-odd quotes are one row. Written in the
 * statement that creates the snapshot (insertChainSnapshots) and deleted with it. One row of arrays costs
 * PostgreSQL about half the CPU of a row per quote with its two five-column indexes, and a fifth of the
 * disk: the chain path's largest write (bench/pipeline.bench.ts prints its cost per tier). A contract's
 * quote is found through its snapshot (chain_snapshots' time indexes, then `strikes`), not by an index
 * of its own.
 */
export const chainQuotes = pgTable('chain_quotes', {
  snapshotId: bigint('snapshot_id', { mode: 'number' })
    .primaryKey()
    .references(() => chainSnapshots.id, { onDelete: 'cascade' }),
  symbol: text('symbol').array().notNull(),
  optionType: text('option_type').array().$type<OptionType[]>().notNull(),
  strike: doublePrecision('strike').array().notNull(),
  /** Each quote's own time (a chain's quotes may predate the chain). */
  ts: instant('ts').array().notNull(),
  bid: doublePrecision('bid').array().notNull(),
  ask: doublePrecision('ask').array().notNull(),
  last: doublePrecision('last').array().notNull(),
  mid: doublePrecision('mid').array().notNull(),
  volume: quantity('volume').array().notNull(),
  openInterest: quantity('open_interest').array().notNull(),
  oiChange: quantity('oi_change').array().notNull(),
  /** Elements are null where the quote's value is (no premium, no IV, no earlier snapshot). */
  priceChange: doublePrecision('price_change').array().notNull(),
  iv: doublePrecision('iv').array().notNull(),
  delta: doublePrecision('delta').array().notNull(),
  gamma: doublePrecision('gamma').array().notNull(),
  vega: doublePrecision('vega').array().notNull(),
  theta: doublePrecision('theta').array().notNull(),
  rho: doublePrecision('rho').array().notNull(),
  buildup: text('buildup').array().$type<Buildup[]>().notNull(),
  snapshotOiChange: quantity('snapshot_oi_change').array().notNull(),
  snapshotPriceChange: doublePrecision('snapshot_price_change').array().notNull(),
});

/** OHLC bars of the underlying at the intervals the worker maintains as ticks arrive. */
export const candles = pgTable(
  'candles',
  {
    product: catalogueProduct(),
    intervalSeconds: integer('interval_seconds').notNull(),
    bucketStart: instant('bucket_start').notNull(),
    ...ohlcvColumns(),
    ticks: integer('ticks').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.product, t.intervalSeconds, t.bucketStart] }),
    check('candles_interval_seconds_positive', sql`${t.intervalSeconds} > 0`),
  ],
);

/** Where a row of the volatility history comes from; simulated rows are the backfill's, never the market's. */
const historySource = (name: string) => text(name).$type<IvSource>().notNull();
const historySourceCheck = (name: string, column: AnyPgColumn) =>
  check(name, sql`${column} in ('live', 'simulated')`);

/** The IV levels a row of the IV history holds, whether it is a minute's or an exchange date's. */
const ivLevelColumns = () => ({
  observedAt: instant('observed_at').notNull(),
  iv30d: doublePrecision('iv_30d'),
  atmIv: doublePrecision('atm_iv'),
  nearExpiry: date('near_expiry', { mode: 'string' }),
  source: historySource('source'),
});

/**
 * The IV levels of each product once a minute (see intradayIvPoint in @deltastream/core/volatility): a
 * minute's row is its latest observation, `observed_at` being the chain time it was computed at, so the
 * worker that saw the later chains wins whichever writes last. Pruned with the rest of the history
 * (RETENTION_DAYS). The primary key serves "latest" and "range by product and time" (read backwards).
 */
export const ivIntradayPoints = pgTable(
  'iv_intraday_points',
  {
    product: catalogueProduct(),
    bucketStart: instant('bucket_start').notNull(),
    ...ivLevelColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.product, t.bucketStart] }),
    historySourceCheck('iv_intraday_points_source_check', t.source),
  ],
);

/**
 * The IV levels of each product once per exchange date: the day's latest minute (its close), kept for
 * good: a year of them is what IV rank and IV percentile look back over. Same replacement rule as
 * ivIntradayPoints.
 */
export const ivDailyPoints = pgTable(
  'iv_daily_points',
  {
    product: catalogueProduct(),
    date: date('date', { mode: 'string' }).notNull(),
    ...ivLevelColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.product, t.date] }),
    historySourceCheck('iv_daily_points_source_check', t.source),
  ],
);

/**
 * OHLC of the underlying per exchange date, the input of realised volatility, kept for good. A year of
 * 1-minute candles would be read and aggregated for every realised-volatility answer (about 90,000 rows
 * per product for NSE hours, 525,000 for a product quoted around the clock) and is pruned after
 * RETENTION_DAYS anyway; this series is 250 rows a year. Live days are recomputed from the stored
 * 1-minute candles (refreshDailyCandles); simulated ones come from the backfill.
 */
export const dailyCandles = pgTable(
  'daily_candles',
  {
    product: catalogueProduct(),
    date: date('date', { mode: 'string' }).notNull(),
    ...ohlcvColumns(),
    source: historySource('source'),
  },
  (t) => [
    primaryKey({ columns: [t.product, t.date] }),
    historySourceCheck('daily_candles_source_check', t.source),
  ],
);

/**
 * A user's saved multi-leg strategies: the strategy exactly as it was entered (core's StrategySchema: the
 * product and each leg with its entry price and IV), so its P&L is always measured against those entries.
 * Listed newest first per user.
 */
export const savedStrategies = pgTable(
  'saved_strategies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    strategy: jsonb('strategy').$type<Strategy>().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('saved_strategies_user_created_idx').on(t.userId, t.createdAt.desc().nullsFirst())],
);

/**
 * Users' alerts. The worker reads the active ones of a product on each enriched tick/chain; `armed` and
 * `reference` are its state (see AlertSchema), changed only by a conditional UPDATE so that one replica
 * wins a firing. `expiry` null follows the nearest live expiry.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    product: catalogueProduct(),
    expiry: date('expiry', { mode: 'string' }),
    condition: jsonb('condition').$type<AlertCondition>().notNull(),
    note: text('note').notNull().default(''),
    active: boolean('active').notNull().default(true),
    armed: boolean('armed').notNull().default(true),
    reference: doublePrecision('reference'),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastFiredAt: instant('last_fired_at'),
    /**
     * The data timestamp (tick or chain) of the observation that last changed `armed` or `reference`.
     * A change applies only from a newer observation, so replicas evaluating a product's chains out of
     * order cannot re-arm from a stale value and fire twice for one crossing. Worker state, not API.
     */
    stateDataTs: instant('state_data_ts'),
  },
  (t) => [
    index('alerts_user_created_idx').on(t.userId, t.createdAt.desc().nullsFirst()),
    index('alerts_active_product_idx')
      .on(t.product)
      .where(sql`${t.active}`),
  ],
);

/**
 * A counter per product, raised by a trigger (migration 0008) whenever one of its alerts is created,
 * deleted, paused, resumed or edited — not when the worker changes an alert's state. Workers hold a
 * product's active alerts in memory and read this one row to know when to read them again.
 */
export const alertBookVersions = pgTable('alert_book_versions', {
  product: text('product')
    .primaryKey()
    .references(() => products.symbol),
  version: quantity('version').notNull(),
});

/**
 * Every firing of an alert, once: `(alert_id, data_ts)` is unique, so a chain or tick evaluated twice (a
 * retried job, a second replica) cannot record the same firing again.
 */
export const alertFirings = pgTable(
  'alert_firings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    product: text('product').notNull(),
    expiry: date('expiry', { mode: 'string' }),
    condition: jsonb('condition').$type<AlertCondition>().notNull(),
    note: text('note').notNull().default(''),
    value: doublePrecision('value').notNull(),
    message: text('message').notNull(),
    dataTs: instant('data_ts').notNull(),
    firedAt: instant('fired_at').notNull().defaultNow(),
  },
  (t) => [
    unique('alert_firings_alert_data_ts_key').on(t.alertId, t.dataTs),
    index('alert_firings_user_fired_idx').on(t.userId, t.firedAt.desc().nullsFirst()),
  ],
);
