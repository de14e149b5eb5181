import { describe, expect, it } from 'vitest';
import { gbmStep } from './gbm';
import { createRandom } from './random';

describe('gbmStep', () => {
  it('moves ln S by (μ − σ²/2)Δt + σ√Δt·Z', () => {
    expect(gbmStep(100, 0.05, 0.2, 1, 0)).toBeCloseTo(100 * Math.exp(0.03), 12);
    expect(gbmStep(100, 0.05, 0.2, 0.25, 1)).toBeCloseTo(100 * Math.exp(0.03 * 0.25 + 0.2 * 0.5), 12);
    expect(gbmStep(100, 0.05, 0.2, 0, 3)).toBe(100);
  });

  it('has log returns with mean (μ − σ²/2)Δt and variance σ²Δt over many seeded steps', () => {
    const random = createRandom(2024);
    const [mu, sigma, dt, n] = [0.5, 0.2, 1 / 365, 200_000];
    let spot = 100;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i += 1) {
      const next = gbmStep(spot, mu, sigma, dt, random.normal());
      const logReturn = Math.log(next / spot);
      sum += logReturn;
      sumSquares += logReturn * logReturn;
      spot = next;
    }
    const mean = sum / n;
    const variance = (sumSquares - n * mean * mean) / (n - 1);
    // 4 standard errors: σ√(Δt/n) for the mean, σ²Δt·√(2/n) for the variance.
    expect(Math.abs(mean - (mu - sigma ** 2 / 2) * dt)).toBeLessThan(4 * sigma * Math.sqrt(dt / n));
    expect(Math.abs(variance - sigma ** 2 * dt)).toBeLessThan(4 * sigma ** 2 * dt * Math.sqrt(2 / n));
  });
});
