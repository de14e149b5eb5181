/**
 * Number formats of the dashboard. One fixed locale: the page is rendered on the server first, and a
 * browser locale would make the server's and the browser's text differ.
 */
const LOCALE = 'en-US';

/** Building an Intl.NumberFormat costs far more than formatting with one: one per digit count, kept. */
const fixedFormats = new Map<number, Intl.NumberFormat>();
function fixed(digits: number): Intl.NumberFormat {
  let format = fixedFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, format);
  }
  return format;
}
const price2 = fixed(2);
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
/** Strikes step by 50 on NIFTY but by 2.5 on a stock: whole numbers unless the strike has a fraction. */
const strikeFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

export const DASH = '—';

const orDash =
  <A extends unknown[]>(format: (value: number, ...rest: A) => string) =>
  (value: number | null | undefined, ...rest: A): string =>
    value === null || value === undefined || !Number.isFinite(value) ? DASH : format(value, ...rest);

export const formatPrice = orDash((value: number) => price2.format(value));
export const formatStrike = orDash((value: number) => strikeFormat.format(value));
/** Volume and open interest: 1.2M, 350.4K. */
export const formatQuantity = orDash((value: number) => compact.format(value));
export const formatSignedQuantity = orDash(
  (value: number) => `${value > 0 ? '+' : ''}${compact.format(value)}`,
);
export const formatSigned = orDash(
  (value: number, digits: number = 2) => `${value > 0 ? '+' : ''}${fixed(digits).format(value)}`,
);
/** A value already in percent (1.5 = 1.5%). */
export const formatPercent = orDash(
  (value: number, digits: number = 2) => `${value > 0 ? '+' : ''}${fixed(digits).format(value)}%`,
);
/** A volatility as a fraction (0.135) shown in vol points (13.5). */
export const formatVolPoints = orDash((value: number) => fixed(1).format(value * 100));
export const formatDecimal = orDash((value: number, digits: number) => fixed(digits).format(value));

/**
 * An exchange date (an expiry, a trading day) is a date, not an instant: shown as written (UTC only
 * parses it), in no one's time zone.
 */
const exchangeDate = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
export const formatExchangeDate = (date: string) => exchangeDate.format(new Date(`${date}T00:00:00Z`));
export const formatExpiry = formatExchangeDate;

/** Green for a rise, red for a fall, neutral for none. */
export function toneOf(value: number | null | undefined): string {
  if (value === null || value === undefined || value === 0) return 'text-slate-400';
  return value > 0 ? 'text-up' : 'text-down';
}
