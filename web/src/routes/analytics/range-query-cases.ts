/**
 * Bad range parameters (contracts/volatility-history's `start`, `end` and `days`, read by
 * server/exchange-range) and the field each 400 names: one table for every history route that takes them.
 */
export const RANGE_FIELD_ERRORS: readonly (readonly [query: Record<string, string>, field: string])[] = [
  [{ days: '0' }, 'days'],
  [{ days: '3661' }, 'days'],
  [{ days: '5', start: '2026-03-01' }, 'days'],
  [{ start: 'yesterday' }, 'start'],
  [{ start: '2026-03-05', end: '2026-03-05' }, 'end'],
  [{ start: '2026-03-05', end: '2026-03-04' }, 'end'],
];
