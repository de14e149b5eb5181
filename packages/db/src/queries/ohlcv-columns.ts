import type { candles, dailyCandles } from '../schema';
import type { UnnestColumn } from './unnest';

/** The fields a bar holds under the same names in its row and its table (the schema's ohlcvColumns). */
const OHLCV_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

type Ohlcv = Record<(typeof OHLCV_FIELDS)[number], number>;

/** A batch of bars' open, high, low, close and volume as `unnest` columns, in the tables' order. */
export function ohlcvUnnestColumns(
  table: typeof candles | typeof dailyCandles,
  bars: readonly Ohlcv[],
): UnnestColumn[] {
  return OHLCV_FIELDS.map((field) => [table[field], bars.map((bar) => bar[field])] as const);
}
