import {
  MAX_STRIKES_PER_CHAIN,
  optionSymbol,
  type OptionChain,
  type OptionQuote,
  type Product,
  type UnderlyingTick,
} from '@deltastream/core/schemas';
import { chainSeqAt, tickIdAt, tickIntervalMs, type FeedRates } from '@deltastream/simulator/sequence';
import type { RowError } from './csv-row';
import type { FutureRow, Layout, OptionRow } from './layout';

interface Located<T> {
  value: T;
  line: number;
}

/** What one snapshot of one product has gathered so far. */
interface ProductSnapshot {
  product: Product;
  atMs: number;
  timestamp: string;
  /** Where messages about the whole snapshot point: its first option row. */
  firstOptionLine: number | undefined;
  underlying: Located<number> | undefined;
  /** Futures closes by expiry. */
  futures: Map<string, Located<number>>;
  /** Quotes by expiry, then by `<type> <strike>`. */
  expiries: Map<string, Map<string, Located<OptionQuote>>>;
}

export interface SnapshotMessages {
  ticks: UnderlyingTick[];
  chains: OptionChain[];
}

const byStrike = (a: OptionQuote, b: OptionQuote) => a.strike - b.strike;

/**
 * Turns the rows of one snapshot into what the recorder writes (recording.ts): per product, one tick at the
 * underlying's price, and per expiry one chain, strikes ascending, calls and puts in strike order. A strike
 * quoted on one side only has no quote on the other: nothing is invented.
 *
 * Ids come from the snapshot's instant, as the simulator's do (`@deltastream/simulator/sequence`), so the
 * same file always gives the same job ids and importing it twice adds nothing. A chain names the chain
 * before it of the same (product, expiry) in the file as `prev_seq`; the first has none, and the worker
 * measures it against what it stored last.
 *
 * The underlying's price is the file's when it gives one (UndrlygPric, `underlying`), else the close of the
 * product's nearest future, the legacy bhavcopy's only price of the underlying. A future is not the spot: it
 * carries the cost of carry to its own expiry, (r − q)·T of the price (about 0.1% a week at the catalogue's
 * NIFTY rates), the least for the nearest. Taken as spot, it overstates every forward by that much, so IVs
 * solved against it come out lower for calls and higher for puts than the market's.
 */
export function createSnapshotAssembly(names: Layout['names'], rates: FeedRates) {
  const tickInterval = tickIntervalMs(rates.ticksPerSecond);
  const lastTickIds = new Map<string, number>();
  const lastSeqs = new Map<string, number>();
  let snapshots = new Map<string, ProductSnapshot>();

  function snapshotOf(product: Product, atMs: number): ProductSnapshot {
    let snapshot = snapshots.get(product.symbol);
    if (!snapshot) {
      snapshot = {
        product,
        atMs,
        timestamp: new Date(atMs).toISOString(),
        firstOptionLine: undefined,
        underlying: undefined,
        futures: new Map(),
        expiries: new Map(),
      };
      snapshots.set(product.symbol, snapshot);
    }
    return snapshot;
  }

  function addFuture(snapshot: ProductSnapshot, row: FutureRow, line: number): RowError[] {
    if (row.price <= 0) return [];
    const earlier = snapshot.futures.get(row.expiry);
    if (earlier) {
      const message = `a second ${row.product.symbol} future expiring ${row.expiry} (the first is on line ${earlier.line})`;
      return [{ line, column: names.symbol, message }];
    }
    snapshot.futures.set(row.expiry, { value: row.price, line });
    return [];
  }

  function addOption(snapshot: ProductSnapshot, row: OptionRow, line: number): RowError[] {
    const { product, expiry, strike, optionType } = row;
    if (row.underlying !== undefined) {
      const known = snapshot.underlying;
      if (known && known.value !== row.underlying) {
        const message = `${row.underlying} differs from ${known.value}, ${product.symbol}'s underlying price on line ${known.line}`;
        return [{ line, column: names.underlying ?? names.symbol, message }];
      }
      snapshot.underlying ??= { value: row.underlying, line };
    }
    let contracts = snapshot.expiries.get(expiry);
    if (!contracts) {
      contracts = new Map();
      snapshot.expiries.set(expiry, contracts);
    }
    const key = `${optionType} ${strike}`;
    const earlier = contracts.get(key);
    if (earlier) {
      const message = `${product.symbol} ${expiry} ${strike} ${optionType} is already on line ${earlier.line}`;
      return [{ line, column: names.strike, message }];
    }
    snapshot.firstOptionLine ??= line;
    contracts.set(key, {
      line,
      value: {
        symbol: optionSymbol(product.symbol, expiry, optionType, strike),
        product: product.symbol,
        strike,
        expiry,
        option_type: optionType,
        bid: row.bid,
        ask: row.ask,
        last: row.last,
        volume: row.volume,
        open_interest: row.openInterest,
        timestamp: snapshot.timestamp,
      },
    });
    return [];
  }

  /** The nearest future's close (none has expired: the layouts reject a row that expired before its date). */
  function nearestFutureClose(snapshot: ProductSnapshot): number | undefined {
    const [nearest] = [...snapshot.futures.keys()].sort();
    return nearest === undefined ? undefined : snapshot.futures.get(nearest)?.value;
  }

  function build(snapshot: ProductSnapshot, out: SnapshotMessages, errors: RowError[]): void {
    const { product, atMs, timestamp, firstOptionLine: line = 0 } = snapshot;
    const spot = snapshot.underlying?.value ?? nearestFutureClose(snapshot);
    if (spot === undefined) {
      const given = names.underlying ? `no row gives ${names.underlying} and ` : '';
      const message = `no underlying price for ${product.symbol} at ${timestamp}: ${given}no future of it has a close`;
      errors.push({ line, column: names.symbol, message });
      return;
    }
    const tickId = tickIdAt(atMs, tickInterval);
    const lastTickId = lastTickIds.get(product.symbol);
    if (lastTickId !== undefined && tickId <= lastTickId) {
      const message = `${product.symbol}'s snapshot at ${timestamp} is less than a tick interval (${tickInterval} ms) after the one before it: their tick ids would be the same`;
      errors.push({ line, column: names.time, message });
      return;
    }
    lastTickIds.set(product.symbol, tickId);
    out.ticks.push({ type: 'UNDERLYING', product: product.symbol, price: spot, timestamp, tick_id: tickId });

    const seq = chainSeqAt(atMs, rates.chainIntervalMs);
    for (const expiry of [...snapshot.expiries.keys()].sort()) {
      const contracts = [...(snapshot.expiries.get(expiry)?.values() ?? [])];
      const strikes = [...new Set(contracts.map((c) => c.value.strike))].sort((a, b) => a - b);
      const firstLine = Math.min(...contracts.map((c) => c.line));
      if (strikes.length > MAX_STRIKES_PER_CHAIN) {
        const message = `${product.symbol} ${expiry} has ${strikes.length} strikes, more than a chain carries (${MAX_STRIKES_PER_CHAIN})`;
        errors.push({ line: firstLine, column: names.strike, message });
        continue;
      }
      const key = `${product.symbol}|${expiry}`;
      const previousSeq = lastSeqs.get(key);
      if (previousSeq !== undefined && seq <= previousSeq) {
        const message = `${product.symbol} ${expiry} at ${timestamp} is less than a chain interval (${rates.chainIntervalMs} ms) after its snapshot before: their seqs would be the same`;
        errors.push({ line: firstLine, column: names.time, message });
        continue;
      }
      lastSeqs.set(key, seq);
      const quotes = contracts.map((c) => c.value);
      const chain: OptionChain = {
        product: product.symbol,
        expiry,
        spot_price: spot,
        strikes,
        calls: quotes.filter((q) => q.option_type === 'CALL').sort(byStrike),
        puts: quotes.filter((q) => q.option_type === 'PUT').sort(byStrike),
        timestamp,
        seq,
      };
      if (previousSeq !== undefined) chain.prev_seq = previousSeq;
      out.chains.push(chain);
    }
  }

  return {
    /** Adds a row to the current snapshot; errors say why it was left out. */
    add(row: OptionRow | FutureRow, line: number): RowError[] {
      const snapshot = snapshotOf(row.product, row.time.atMs);
      return row.kind === 'future' ? addFuture(snapshot, row, line) : addOption(snapshot, row, line);
    },
    /** The current snapshot's ticks and chains, products in symbol order; the next row starts a new one. */
    finish(): { messages: SnapshotMessages; errors: RowError[] } {
      const messages: SnapshotMessages = { ticks: [], chains: [] };
      const errors: RowError[] = [];
      const finished = [...snapshots.values()].sort((a, b) => (a.product.symbol < b.product.symbol ? -1 : 1));
      snapshots = new Map();
      // A product with futures and no options has no chain to show.
      for (const snapshot of finished) if (snapshot.expiries.size > 0) build(snapshot, messages, errors);
      return { messages, errors };
    },
  };
}
