import { describe, expect, it } from 'vitest';
import {
  convexControlParameterToFitSecondDerivativeAtLeftSide,
  convexControlParameterToFitSecondDerivativeAtRightSide,
  rationalCubicInterpolation,
} from './rational-cubic';

// Data from f(x) = eˣ on [0, 1]: convex and increasing, so the shape-preserving bounds apply.
const xL = 0;
const xR = 1;
const yL = 1;
const yR = Math.E;
const dL = 1;
const dR = Math.E;

describe('rational cubic interpolation (Delbourgo & Gregory 1985)', () => {
  it('matches the end values for any control parameter', () => {
    for (const r of [-0.5, 0, 3, 10, 1e40]) {
      expect(rationalCubicInterpolation(xL, xL, xR, yL, yR, dL, dR, r)).toBe(yL);
      expect(rationalCubicInterpolation(xR, xL, xR, yL, yR, dL, dR, r)).toBe(yR);
    }
  });

  it('is the Hermite cubic at r = 3 and the chord for very large r', () => {
    const x = 0.3;
    const t = x;
    const hermite =
      (2 * t ** 3 - 3 * t ** 2 + 1) * yL +
      (t ** 3 - 2 * t ** 2 + t) * dL +
      (-2 * t ** 3 + 3 * t ** 2) * yR +
      (t ** 3 - t ** 2) * dR;
    expect(rationalCubicInterpolation(x, xL, xR, yL, yR, dL, dR, 3)).toBeCloseTo(hermite, 15);
    expect(rationalCubicInterpolation(x, xL, xR, yL, yR, dL, dR, 1e40)).toBeCloseTo(yL + t * (yR - yL), 15);
  });

  it('has the end slopes dL and dR', () => {
    const step = 1e-7;
    const slopeL = (rationalCubicInterpolation(step, xL, xR, yL, yR, dL, dR, 5) - yL) / step;
    const slopeR = (yR - rationalCubicInterpolation(1 - step, xL, xR, yL, yR, dL, dR, 5)) / step;
    expect(slopeL).toBeCloseTo(dL, 5);
    expect(slopeR).toBeCloseTo(dR, 5);
  });

  it('fits a requested second derivative at either end', () => {
    const step = 1e-4;
    const secondDerivative = (f: (x: number) => number, x: number) =>
      (f(x + step) - 2 * f(x) + f(x - step)) / (step * step);
    // eˣ has f″ = 1 at 0 and f″ = e at 1; both lie inside the convexity bound, so they are attained.
    const rLeft = convexControlParameterToFitSecondDerivativeAtLeftSide(xL, xR, yL, yR, dL, dR, 1, false);
    const rRight = convexControlParameterToFitSecondDerivativeAtRightSide(
      xL,
      xR,
      yL,
      yR,
      dL,
      dR,
      Math.E,
      false,
    );
    const left = (x: number) => rationalCubicInterpolation(x, xL, xR, yL, yR, dL, dR, rLeft);
    const right = (x: number) => rationalCubicInterpolation(x, xL, xR, yL, yR, dL, dR, rRight);
    expect(secondDerivative(left, step)).toBeCloseTo(1, 2);
    expect(secondDerivative(right, 1 - step)).toBeCloseTo(Math.E, 2);
  });

  it('stays convex when the requested curvature would break convexity', () => {
    const r = convexControlParameterToFitSecondDerivativeAtLeftSide(xL, xR, yL, yR, dL, dR, -50, false);
    const f = (x: number) => rationalCubicInterpolation(x, xL, xR, yL, yR, dL, dR, r);
    for (let x = 0.01; x < 0.99; x += 0.01) {
      expect(f(x - 0.01) - 2 * f(x) + f(x + 0.01)).toBeGreaterThanOrEqual(-1e-15);
    }
  });
});
