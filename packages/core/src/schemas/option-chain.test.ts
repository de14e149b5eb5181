import { describe, expect, it } from 'vitest';
import { OptionChainSchema, type OptionChain } from './option-chain';
import { UnderlyingTickSchema } from './underlying-tick';

const ts = '2026-11-24T09:15:00.000Z';

function quote(strike: number, option_type: 'CALL' | 'PUT') {
  return {
    symbol: `NIFTY20261126${option_type[0]}${strike}`,
    product: 'NIFTY',
    strike,
    expiry: '2026-11-26',
    option_type,
    bid: 10,
    ask: 10.5,
    last: 10.2,
    volume: 100,
    open_interest: 5000,
    timestamp: ts,
  };
}

function chain(): OptionChain {
  return {
    product: 'NIFTY',
    expiry: '2026-11-26',
    spot_price: 21537,
    strikes: [21500, 21550],
    calls: [quote(21500, 'CALL'), quote(21550, 'CALL')],
    puts: [quote(21500, 'PUT'), quote(21550, 'PUT')],
    timestamp: ts,
    seq: 7,
  };
}

function issuePaths(input: unknown): string[] {
  const result = OptionChainSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('OptionChainSchema', () => {
  it('accepts a well-formed chain in the original wire shape', () => {
    expect(OptionChainSchema.parse(chain())).toEqual(chain());
  });

  it('names the bad field of a quote', () => {
    const bad = chain();
    bad.calls[1] = { ...quote(21550, 'CALL'), open_interest: -1 };
    expect(issuePaths(bad)).toEqual(['calls.1.open_interest']);
  });

  it('rejects a put filed under calls and a strike missing from strikes', () => {
    const bad = chain();
    bad.calls[0] = quote(21600, 'PUT');
    expect(issuePaths(bad).sort()).toEqual(['calls.0.option_type', 'calls.0.strike']);
  });

  it('rejects crossed markets, duplicate strikes and a quote of another expiry', () => {
    const bad = chain();
    bad.strikes = [21500, 21550, 21500];
    bad.puts[0] = { ...quote(21500, 'PUT'), bid: 11, ask: 10 };
    bad.puts[1] = { ...quote(21550, 'PUT'), expiry: '2026-12-03' };
    expect(issuePaths(bad).sort()).toEqual(['puts.0.bid', 'puts.1.expiry', 'strikes']);
  });

  it('rejects a timestamp without a time zone and a malformed expiry', () => {
    expect(issuePaths({ ...chain(), timestamp: '2026-11-24 09:15' })).toEqual(['timestamp']);
    expect(issuePaths({ ...chain(), expiry: '26-11-2026', calls: [], puts: [] })).toEqual(['expiry']);
  });
});

describe('UnderlyingTickSchema', () => {
  it('defaults the original type tag and rejects a non-positive price', () => {
    const tick = UnderlyingTickSchema.parse({ product: 'NIFTY', price: 21537.5, timestamp: ts, tick_id: 1 });
    expect(tick.type).toBe('UNDERLYING');
    const bad = UnderlyingTickSchema.safeParse({ product: 'NIFTY', price: 0, timestamp: ts, tick_id: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['price']);
  });

  it('rejects lower-case product symbols', () => {
    const bad = UnderlyingTickSchema.safeParse({ product: 'nifty', price: 1, timestamp: ts, tick_id: 1 });
    expect(bad.error?.issues[0]?.path).toEqual(['product']);
  });
});
