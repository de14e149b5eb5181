import { describe, expect, it } from 'vitest';
import { edgeServiceFor } from './edge-routes';

describe('edgeServiceFor', () => {
  it('sends the market reads to the market API, Socket.IO to realtime', () => {
    expect(edgeServiceFor('/api/data/chain/NIFTY')).toBe('market-api');
    expect(edgeServiceFor('/api/analytics/analyze')).toBe('market-api');
    expect(edgeServiceFor('/socket.io/')).toBe('realtime');
  });

  it('sends everything else to web, prefixes matching whole segments only', () => {
    for (const path of [
      '/',
      '/signin',
      '/health',
      '/ready',
      '/api/auth/session',
      '/api/database',
      '/api/data',
    ])
      expect(edgeServiceFor(path), path).toBe('web');
  });
});
