import { describe, expect, it } from 'vitest';
import { option, strategyOf } from '../testing/strategy-fixtures';
import { MAX_STRATEGY_LEGS, StrategySchema } from './strategy-schema';

function issuePaths(value: unknown): string[] {
  const result = StrategySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

const call = option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 120 });

describe('StrategySchema', () => {
  it('accepts option and underlying legs of one product', () => {
    const strategy = strategyOf(call, { kind: 'underlying', side: 'SELL', lots: 2, entry_price: 21_530 });
    expect(StrategySchema.parse(strategy)).toEqual(strategy);
  });

  it('names the offending field of the offending leg', () => {
    const legs = [call, call, { ...call, strike: -5 }];
    expect(issuePaths(strategyOf(...legs))).toEqual(['legs.2.strike']);
    expect(issuePaths(strategyOf(call, { ...call, lots: 0 }))).toEqual(['legs.1.lots']);
    expect(issuePaths(strategyOf(call, { ...call, lots: 1.5 }))).toEqual(['legs.1.lots']);
    expect(issuePaths(strategyOf({ ...call, side: 'HOLD' as 'BUY' }))).toEqual(['legs.0.side']);
    expect(issuePaths(strategyOf({ ...call, iv: -0.1 }))).toEqual(['legs.0.iv']);
    expect(issuePaths(strategyOf({ ...call, expiry: '2026-13-01' }))).toEqual(['legs.0.expiry']);
    expect(issuePaths(strategyOf({ kind: 'underlying', side: 'BUY', lots: 1, entry_price: 0 }))).toContain(
      'legs.0.entry_price',
    );
    expect(issuePaths({ ...strategyOf(call), product: 'nifty' })).toEqual(['product']);
  });

  it(`holds 1 to ${MAX_STRATEGY_LEGS} legs, at least one of them an option`, () => {
    expect(issuePaths(strategyOf())).toEqual(['legs']);
    expect(issuePaths(strategyOf(...Array.from({ length: MAX_STRATEGY_LEGS }, () => call)))).toEqual([]);
    expect(issuePaths(strategyOf(...Array.from({ length: MAX_STRATEGY_LEGS + 1 }, () => call)))).toEqual([
      'legs',
    ]);
    expect(issuePaths(strategyOf({ kind: 'underlying', side: 'BUY', lots: 1, entry_price: 21_500 }))).toEqual(
      ['legs'],
    );
  });
});
