export * from './zoned-time';
export * from './expiries';
