import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@deltastream/bus/env';
import { loadFeedConfig } from './config';

const directory = mkdtempSync(join(tmpdir(), 'feed-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('loadFeedConfig', () => {
  it('simulates every catalogue product at 2 ticks per second and a chain a second by default', () => {
    const config = loadFeedConfig({});
    expect(config.source).toEqual({ mode: 'simulate', seed: undefined, recordFile: undefined });
    expect(config.rates).toEqual({ ticksPerSecond: 2, chainIntervalMs: 1000 });
    expect(config.env.FEED_PORT).toBe(9101);
    expect(config.products.map((p) => p.symbol)).toContain('NIFTY');
    expect(config.products.length).toBeGreaterThanOrEqual(8);
  });

  it('narrows the products to FEED_PRODUCTS, in catalogue order, and reads the other settings', () => {
    const config = loadFeedConfig({
      FEED_PRODUCTS: ' aapl, NIFTY ',
      FEED_SEED: '42',
      FEED_TICKS_PER_SECOND: '4',
      FEED_CHAIN_INTERVAL_MS: '500',
      FEED_RECORD_FILE: '/tmp/session.jsonl',
      FEED_PORT: '0',
    });
    expect(config.products.map((p) => p.symbol)).toEqual(['NIFTY', 'AAPL']);
    expect(config.source).toEqual({ mode: 'simulate', seed: 42, recordFile: '/tmp/session.jsonl' });
    expect(config.rates).toEqual({ ticksPerSecond: 4, chainIntervalMs: 500 });
    expect(config.env.FEED_PORT).toBe(0);
  });

  it('treats empty variables as unset', () => {
    expect(
      loadFeedConfig({ FEED_SEED: '', FEED_PRODUCTS: '', FEED_TICKS_PER_SECOND: '' }).source,
    ).toMatchObject({ seed: undefined });
  });

  it('replays a readable file at the requested speed', () => {
    const file = join(directory, 'session.jsonl');
    writeFileSync(file, '');
    expect(
      loadFeedConfig({ FEED_MODE: 'replay', FEED_REPLAY_FILE: file, FEED_REPLAY_SPEED: '0' }).source,
    ).toEqual({
      mode: 'replay',
      file,
      speed: 0,
    });
  });

  it.each([
    [{ FEED_MODE: 'live' }, /FEED_MODE/],
    [{ FEED_SEED: '-1' }, /FEED_SEED/],
    [{ FEED_SEED: '1.5' }, /FEED_SEED/],
    [{ FEED_TICKS_PER_SECOND: 'fast' }, /FEED_TICKS_PER_SECOND/],
    [{ FEED_TICKS_PER_SECOND: '0' }, /FEED_TICKS_PER_SECOND/],
    [{ FEED_CHAIN_INTERVAL_MS: '10' }, /FEED_CHAIN_INTERVAL_MS/],
    [{ FEED_PORT: '70000' }, /FEED_PORT/],
    [{ FEED_REPLAY_SPEED: '-2' }, /FEED_REPLAY_SPEED/],
    [{ FEED_PRODUCTS: ' , ' }, /FEED_PRODUCTS: must list at least one product/],
    [
      { FEED_PRODUCTS: 'NIFTY,RELIANCE,XYZ' },
      /FEED_PRODUCTS: unknown product\(s\) RELIANCE, XYZ; the catalogue has NIFTY/,
    ],
    [{ FEED_MODE: 'replay' }, /FEED_REPLAY_FILE: is required when FEED_MODE=replay/],
    [
      { FEED_MODE: 'replay', FEED_REPLAY_FILE: '/nonexistent/session.jsonl' },
      /FEED_REPLAY_FILE: cannot read/,
    ],
    [{ FEED_MODE: 'replay', FEED_REPLAY_FILE: 'x', FEED_RECORD_FILE: 'y' }, /FEED_RECORD_FILE/],
    [{ PRODUCT_CATALOGUE: '/nonexistent/products.json' }, /PRODUCT_CATALOGUE: cannot read product catalogue/],
  ])('stops start-up naming the variable: %j', (env, message) => {
    expect(() => loadFeedConfig(env)).toThrow(ConfigError);
    expect(() => loadFeedConfig(env)).toThrow(message);
  });
});
