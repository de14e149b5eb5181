import { describe, expect, it } from 'vitest';
import { decimalPlaces, priceGrid, tickSizeFor } from './tick-size';

describe('tick size', () => {
  it('is ₹0.05 for INR, one cent for USD and other currencies', () => {
    expect(tickSizeFor({ currency: 'INR' })).toBe(0.05);
    expect(tickSizeFor({ currency: 'USD' })).toBe(0.01);
    expect(tickSizeFor({ currency: 'EUR' })).toBe(0.01);
  });

  it('counts decimal places of increments', () => {
    expect([0.05, 0.01, 2.5, 50, 0.125].map(decimalPlaces)).toEqual([2, 2, 1, 0, 3]);
  });

  it('rounds to the grid without binary fractions', () => {
    const rupee = priceGrid(0.05);
    expect(rupee.round(21537.5678)).toBe(21537.55);
    expect(rupee.priceOf(3)).toBe(0.15);
    expect(rupee.stepsOf(0.15)).toBe(3);
    expect(priceGrid(2.5).priceOf(75)).toBe(187.5);
    expect(priceGrid(0.01).round(184.955)).toBe(184.96);
  });
});
