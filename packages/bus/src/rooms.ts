/** Socket.IO rooms of the realtime gateway (original DeltaStream names). */
export const ROOMS = {
  general: 'general',
  product: (symbol: string) => `product:${symbol}`,
  /** The chain of the product's nearest live expiry, whichever that is at the time. */
  chain: (symbol: string) => `chain:${symbol}`,
  /** The chain of one expiry. */
  chainExpiry: (symbol: string, expiry: string) => `chain:${symbol}:${expiry}`,
  /** One signed-in user's sockets, joined from the authenticated principal (never from a client's request). */
  user: (userId: string) => `user:${userId}`,
} as const;
