import { describe, expect, it } from 'vitest';
import { matchPath, pathParamNames, pathSegments } from './route-path';

const chain = pathSegments('/api/data/chain/{product}');

describe('matchPath', () => {
  it('captures each {name} segment, percent-decoded', () => {
    expect(matchPath(chain, '/api/data/chain/NIFTY')).toEqual({ product: 'NIFTY' });
    expect(matchPath(chain, '/api/data/chain/NI%46TY')).toEqual({ product: 'NIFTY' });
    expect(matchPath(pathSegments('/api/data/products'), '/api/data/products')).toEqual({});
  });

  it('refuses other lengths, other literals, empty and undecodable segments', () => {
    for (const path of [
      '/api/data/chain',
      '/api/data/chain/NIFTY/',
      '/api/data/chain/NIFTY/extra',
      '/api/data/expiries/NIFTY',
      '/api/data/chain/',
      '/api/data/chain/%E0%A4%A',
    ]) {
      expect(matchPath(chain, path), path).toBeNull();
    }
  });

  it('names the parameters in order', () => {
    expect(pathParamNames('/api/admin/queues/dead-letter/{id}/retry')).toEqual(['id']);
    expect(pathParamNames('/api/health')).toEqual([]);
  });
});
