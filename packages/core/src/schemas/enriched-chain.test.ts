import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnrichedChainSchema } from './enriched-chain';

type JsonSchema = { description?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema };

// The JSON Schema the OpenAPI document is generated from (zod's toJSONSchema, as web's generator calls it).
const chain = z.toJSONSchema(EnrichedChainSchema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
const field = (...path: string[]): string =>
  path.reduce<JsonSchema>((schema, key) => (key === '[]' ? schema.items! : schema.properties![key]!), chain)
    .description ?? '';

describe('EnrichedChainSchema states its conventions where the OpenAPI document reads them', () => {
  it('the gamma-exposure sign and the interpolated flip', () => {
    expect(field('gamma_exposure', 'net_gamma_exposure')).toMatch(
      /dealers assumed long the calls and short the puts \(SqueezeMetrics/,
    );
    expect(field('gamma_exposure', 'gamma_flip')).toMatch(
      /linearly interpolated between the two bracketing strikes/,
    );
  });

  it('open interest in contracts, max pain per unit of the underlying', () => {
    expect(field('calls', '[]', 'open_interest')).toMatch(/^Open contracts/);
    expect(field('total_put_oi')).toMatch(/in contracts/);
    expect(field('max_pain_strike')).toMatch(/per unit of the underlying \(lot size left out/);
  });

  it('one clock for volatility, rate and dividend yield under BUS/252', () => {
    expect(field('conventions', 'day_count')).toMatch(
      /Under BUS\/252 the same business time discounts the rate and the dividend yield/,
    );
    expect(field('time_to_expiry_years')).toMatch(/discounts the rate and the dividend yield/);
  });

  it('what the changes are measured against', () => {
    expect(field('calls', '[]', 'oi_change')).toMatch(/close of the previous trading session/);
    expect(field('calls', '[]', 'price_change')).toMatch(/Premium \(mid\)/);
    expect(field('calls', '[]', 'snapshot_oi_change')).toMatch(/since the previous snapshot/);
    expect(field('change_base')).toMatch(/first session after a fresh start/);
    expect(field('calls', '[]', 'iv')).toMatch(/null, never 0/);
  });
});
