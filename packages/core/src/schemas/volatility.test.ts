import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DailyIvPointSchema,
  IvRankSchema,
  RealisedVolPointSchema,
  TermStructureComparisonSchema,
} from './volatility';

type JsonSchema = { description?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema };

// The JSON Schema the OpenAPI document is generated from (zod's toJSONSchema, as web's generator calls it).
const described =
  (schema: z.ZodType) =>
  (...path: string[]): string =>
    path.reduce<JsonSchema>(
      (node, key) => (key === '[]' ? node.items! : node.properties![key]!),
      z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema,
    ).description ?? '';

describe('the volatility schemas state units and definitions where the OpenAPI document reads them', () => {
  it('the 30-day IV: annualised, constant maturity by total variance', () => {
    const field = described(DailyIvPointSchema);
    expect(field('iv_30d')).toMatch(/^30-day constant-maturity ATM IV, annualised decimal: total variance/);
    expect(field('source')).toMatch(/simulated: the backfill/);
  });

  it('IV rank and IV percentile: their formulas and why they are null', () => {
    const field = described(IvRankSchema);
    expect(field('iv_rank')).toMatch(/\(current − low\) \/ \(high − low\) × 100/);
    expect(field('iv_percentile')).toMatch(/strictly below the current IV, × 100/);
    expect(field('reason')).toMatch(/insufficient_history: fewer than 20 daily values/);
  });

  it('realised volatility: the estimators and their annualisation', () => {
    const field = described(RealisedVolPointSchema);
    expect(field('close_to_close')).toMatch(/log returns .* × √252: annualised decimal/);
    expect(field('parkinson')).toMatch(/Parkinson \(1980\)/);
    expect(field('window_days')).toMatch(/trading days/);
  });

  it('the term structure: by expiry and at constant maturities', () => {
    const field = described(TermStructureComparisonSchema);
    expect(field('expiries')).toMatch(/the same contracts/);
    expect(field('constant_maturity', '[]', 'days')).toBe('Constant maturity in calendar days.');
    expect(field('expiries', '[]', 'atm_iv_1w_ago')).toMatch(/at least a week older/);
  });
});
