/** Socket.IO rooms of the realtime gateway (original DeltaStream names). */
export const ROOMS = {
  general: 'general',
  product: (symbol: string) => `product:${symbol}`,
  chain: (symbol: string) => `chain:${symbol}`,
} as const;
