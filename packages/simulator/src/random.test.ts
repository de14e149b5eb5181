import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, xoshiro128StarStar } from './random';

function moments(values: number[]) {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe('xoshiro128**', () => {
  it('matches the reference C implementation (prng.di.unimi.it) from the state {1, 2, 3, 4}', () => {
    const next = xoshiro128StarStar([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, next)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });
});

describe('createRandom', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => [random.uniform(), random.normal(), random.poisson(3)]);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('derives unrelated seeds per label', () => {
    expect(deriveSeed(1, 'NIFTY/path')).toBe(deriveSeed(1, 'NIFTY/path'));
    expect(deriveSeed(1, 'NIFTY/path')).not.toBe(deriveSeed(1, 'NIFTY/book'));
    expect(deriveSeed(1, 'NIFTY/path')).not.toBe(deriveSeed(2, 'NIFTY/path'));
  });

  it('draws uniforms on [0, 1) and standard normals with the right moments', () => {
    const random = createRandom(7);
    const n = 100_000;
    const uniforms = Array.from({ length: n }, () => random.uniform());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    // Mean 1/2, variance 1/12; tolerances are 4 standard errors.
    expect(Math.abs(moments(uniforms).mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    const normals = moments(Array.from({ length: n }, () => random.normal()));
    expect(Math.abs(normals.mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(normals.variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('draws Poisson counts with mean and variance λ on both sides of the method switch', () => {
    const random = createRandom(11);
    const n = 50_000;
    for (const lambda of [0.3, 4, 120]) {
      const { mean, variance } = moments(Array.from({ length: n }, () => random.poisson(lambda)));
      expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
      expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.05);
    }
    expect(random.poisson(0)).toBe(0);
  });
});
