export * from './products';
export * from './ticks';
export * from './chains';
export * from './candles';
export * from './users';
export * from './retention';
export * from './iv-history';
export * from './daily-candles';
export type { DateRange, TimeRange } from './time-range';
