export * from './zoned-time';
export * from './expiries';
export * from './nearest-expiries';
