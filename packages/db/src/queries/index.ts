export * from './products';
export * from './ticks';
export * from './chains';
export * from './candles';
export * from './users';
export * from './strategies';
export * from './retention';
export type { TimeRange } from './time-range';
