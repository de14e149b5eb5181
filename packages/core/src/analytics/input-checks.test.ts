import { describe, expect, it } from 'vitest';
import { AnalyticsInputError, requireEach, requireNumber } from './input-checks';

describe('input checks', () => {
  it('name the offending field on the error', () => {
    const error = new AnalyticsInputError('calls[3].open_interest', 'must be a finite number ≥ 0, got -1');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AnalyticsInputError');
    expect(error.field).toBe('calls[3].open_interest');
    expect(error.message).toBe('calls[3].open_interest: must be a finite number ≥ 0, got -1');
  });

  it.each([
    [0, 'positive', false],
    [1e-300, 'positive', true],
    [Number.POSITIVE_INFINITY, 'positive', false],
    [0, 'nonNegative', true],
    [-0.5, 'nonNegative', false],
    [Number.NaN, 'nonNegative', false],
    [null, 'nonNegative', false],
    [null, 'nonNegativeOrNull', true],
    [-1, 'nonNegativeOrNull', false],
    [-1, 'finite', true],
    [Number.NEGATIVE_INFINITY, 'finite', false],
  ] as const)('%d is %s: %s', (value, rule, accepted) => {
    const check = () => requireNumber(value, 'x', rule);
    if (accepted) expect(check).not.toThrow();
    else expect(check).toThrow(AnalyticsInputError);
  });

  it('reports the first bad item of a list by index', () => {
    const items = [{ oi: 1 }, { oi: 2 }, { oi: -3 }, { oi: -4 }];
    expect(() => requireEach(items, 'calls', 'oi', 'nonNegative')).toThrow(
      'calls[2].oi: must be a finite number ≥ 0, got -3',
    );
  });
});
