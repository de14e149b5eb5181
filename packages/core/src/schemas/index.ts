export * from './primitives';
export * from './underlying-tick';
export * from './option-quote';
export * from './option-chain';
export * from './enriched-chain';
export * from './product';
export * from './exchange-calendar';
export * from './candle';
