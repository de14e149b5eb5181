import { describe, expect, it } from 'vitest';
import { brentRoot } from './root-finding';

function solve(f: (x: number) => number, a: number, b: number, tolerance?: number) {
  let evaluations = 0;
  const counted = (x: number) => {
    evaluations += 1;
    return f(x);
  };
  const root = brentRoot(counted, a, b, f(a), f(b), tolerance);
  return { root, evaluations };
}

describe('brentRoot (Brent 1973, Ch. 4)', () => {
  it("finds Brent's and Wallis's x³ − 2x − 5 = 0 (root 2.0945514815423265) to full precision", () => {
    const { root, evaluations } = solve((x) => x * x * x - 2 * x - 5, 2, 3, 0);
    expect(Math.abs(root - 2.0945514815423265)).toBeLessThanOrEqual(4 * Number.EPSILON * 2.1);
    expect(evaluations).toBeLessThan(12);
  });

  it('cos x = x (the Dottie number 0.7390851332151607)', () => {
    const { root } = solve((x) => Math.cos(x) - x, 0, 1, 0);
    expect(Math.abs(root - 0.7390851332151607)).toBeLessThanOrEqual(4e-16);
  });

  it('stops at the requested relative tolerance, and stays within it', () => {
    const exact = Math.sqrt(2) * 1e4;
    const { root, evaluations } = solve((x) => x * x - 2e8, 1e4, 2e4, 1e-9);
    expect(Math.abs(root / exact - 1)).toBeLessThanOrEqual(1e-9);
    const precise = solve((x) => x * x - 2e8, 1e4, 2e4, 1e-15);
    expect(precise.evaluations).toBeGreaterThanOrEqual(evaluations);
  });

  it('falls back to bisection on a step function and still brackets the jump', () => {
    const { root, evaluations } = solve((x) => (x < Math.PI ? -1 : 1), 0, 10);
    expect(Math.abs(root - Math.PI)).toBeLessThanOrEqual(1e-11);
    expect(evaluations).toBeLessThan(100);
  });

  it('returns an end where the function is 0, and refuses an interval that brackets nothing', () => {
    expect(brentRoot((x) => x - 1, 1, 3, 0, 2)).toBe(1);
    expect(brentRoot((x) => x - 3, 1, 3, -2, 0)).toBe(3);
    expect(() => brentRoot((x) => x * x + 1, -1, 1, 2, 2)).toThrow(RangeError);
  });
});
