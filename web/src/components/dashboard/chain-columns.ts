import type { EnrichedOptionQuote } from '@deltastream/core/schemas';
import type { TradeSide } from '@deltastream/core/strategy';
import { formatDecimal, formatPrice, formatQuantity, formatSignedQuantity, formatVolPoints } from './format';

export interface QuoteColumn {
  id: string;
  label: string;
  title: string;
  value: (quote: EnrichedOptionQuote) => number | null;
  format: (value: number | null) => string;
  /** Coloured by sign (OI change). */
  signed: boolean;
  /** Flashes when it changes: the prices and open interest, what a trader watches tick. */
  flash: boolean;
  /** The trade a click on the price makes in the strategy builder: sell at the bid, buy at the ask. */
  pickSide?: TradeSide;
}

const column = (
  id: string,
  label: string,
  title: string,
  value: QuoteColumn['value'],
  format: QuoteColumn['format'],
  {
    signed = false,
    flash = false,
    pickSide,
  }: { signed?: boolean; flash?: boolean; pickSide?: TradeSide } = {},
): QuoteColumn => ({ id, label, title, value, format, signed, flash, pickSide });

const COLUMNS = {
  ltp: column('ltp', 'LTP', 'Last traded price', (q) => q.last, formatPrice, { flash: true }),
  bid: column('bid', 'Bid', 'Best bid', (q) => q.bid, formatPrice, { flash: true, pickSide: 'SELL' }),
  ask: column('ask', 'Ask', 'Best ask', (q) => q.ask, formatPrice, { flash: true, pickSide: 'BUY' }),
  volume: column('volume', 'Vol', 'Volume: contracts traded today', (q) => q.volume, formatQuantity),
  oi: column('oi', 'OI', 'Open interest', (q) => q.open_interest, formatQuantity, { flash: true }),
  oiChange: column(
    'oi-change',
    'OI Chg',
    "Open interest change vs the previous session's close (after a fresh start: vs the session's first snapshot)",
    (q) => q.oi_change,
    formatSignedQuantity,
    { signed: true },
  ),
  iv: column('iv', 'IV', 'Implied volatility, %', (q) => q.iv, formatVolPoints),
  delta: column(
    'delta',
    'Δ',
    'Delta',
    (q) => q.delta,
    (v) => formatDecimal(v, 2),
  ),
  gamma: column(
    'gamma',
    'Γ',
    'Gamma',
    (q) => q.gamma,
    (v) => formatDecimal(v, 5),
  ),
  theta: column(
    'theta',
    'Θ',
    'Theta per day',
    (q) => q.theta,
    (v) => formatDecimal(v, 2),
  ),
  vega: column(
    'vega',
    'ν',
    'Vega per vol point',
    (q) => q.vega,
    (v) => formatDecimal(v, 2),
  ),
};

/**
 * The exchange's layout (NSE option chain): bid and ask next to the strike on both sides, open interest
 * at the outer edges, and the Greeks, when shown, outside those.
 */
const PUT_QUOTE_COLUMNS = [
  COLUMNS.bid,
  COLUMNS.ask,
  COLUMNS.ltp,
  COLUMNS.iv,
  COLUMNS.volume,
  COLUMNS.oiChange,
  COLUMNS.oi,
];
const CALL_QUOTE_COLUMNS = [
  COLUMNS.oi,
  COLUMNS.oiChange,
  COLUMNS.volume,
  COLUMNS.iv,
  COLUMNS.ltp,
  COLUMNS.bid,
  COLUMNS.ask,
];
const PUT_GREEK_COLUMNS = [COLUMNS.delta, COLUMNS.gamma, COLUMNS.theta, COLUMNS.vega];
const CALL_GREEK_COLUMNS = [...PUT_GREEK_COLUMNS].reverse();
/** What a trader reads before trading a contract, in the exchange's order: IV, LTP, then bid and ask. */
const PUT_TRADE_COLUMNS = [COLUMNS.bid, COLUMNS.ask, COLUMNS.ltp, COLUMNS.iv];
const CALL_TRADE_COLUMNS = [COLUMNS.iv, COLUMNS.ltp, COLUMNS.bid, COLUMNS.ask];

/**
 * Which columns the chain shows: the exchange's quote columns, those with the Greeks, or the trading set
 * of the strategy builder (whose bid and ask are clicked to add legs).
 */
export type ChainColumnSet = 'plain' | 'greeks' | 'trade';

/** Columns of each side, built once so memoised rows receive the same arrays. */
const SIDE_COLUMNS: Record<'call' | 'put', Record<ChainColumnSet, readonly QuoteColumn[]>> = {
  call: {
    plain: CALL_QUOTE_COLUMNS,
    greeks: [...CALL_GREEK_COLUMNS, ...CALL_QUOTE_COLUMNS],
    trade: CALL_TRADE_COLUMNS,
  },
  put: {
    plain: PUT_QUOTE_COLUMNS,
    greeks: [...PUT_QUOTE_COLUMNS, ...PUT_GREEK_COLUMNS],
    trade: PUT_TRADE_COLUMNS,
  },
};

export function sideColumns(side: 'call' | 'put', set: ChainColumnSet): readonly QuoteColumn[] {
  return SIDE_COLUMNS[side][set];
}

/** Whether two quotes of a strike show the same numbers in every column (then its row need not render). */
export function sameDisplayedQuote(
  a: EnrichedOptionQuote | undefined,
  b: EnrichedOptionQuote | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return Object.values(COLUMNS).every(({ value }) => value(a) === value(b));
}

export const OI_COLUMN_ID = COLUMNS.oi.id;
