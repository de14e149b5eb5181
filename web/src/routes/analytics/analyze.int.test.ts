import { describe, expect, it } from 'vitest';
import { maxPain } from '@deltastream/core/analytics';
import { priceOption } from '@deltastream/core/pricing';
import { flatVolChain } from '@deltastream/core/testing';
import type { OptionChain } from '@deltastream/core/schemas';
import type { AnalyzeRequest, AnalyzeResponse } from '../../contracts/rest';
import { dateFromToday, testProduct, useMarketTest } from '../../server/market-fixtures';
import { ANALYZE_BODY_LIMIT_BYTES } from '../../server/body-limit';
import { analyzeRoute } from './analyze';

const catalogued = testProduct();
const VOLATILITY = 0.2;
const SPOT = 1_012;
const strikes = [950, 975, 1_000, 1_025, 1_050, 1_075];
const expiry = dateFromToday(20);
const timestamp = new Date(Date.now() - 60_000).toISOString();
/** Open interest by strike: [call, put]. */
const OI: Record<number, [number, number]> = {
  950: [100, 900],
  975: [200, 1_200],
  1_000: [800, 1_500],
  1_025: [1_400, 600],
  1_050: [1_100, 200],
  1_075: [700, 50],
};
const { web, headers } = useMarketTest([catalogued]);

/** A quote as a user sends it. */
type Quote = Omit<AnalyzeRequest['quotes'][number], 'bid' | 'ask'> & { bid: number; ask: number };

/** The request a user would send for a chain priced at VOLATILITY on `terms`' calendar and conventions. */
function requestFor(
  terms: typeof catalogued,
): Omit<AnalyzeRequest, 'quotes'> & { quotes: Quote[]; priced: OptionChain } {
  const priced = flatVolChain(terms, {
    expiry,
    timestamp,
    seq: 1,
    spot: SPOT,
    volatility: VOLATILITY,
    strikes,
    oi: (strike, type) => OI[strike]![type === 'CALL' ? 0 : 1],
  });
  const quotes = [...priced.calls, ...priced.puts].map(
    ({ strike, option_type, bid, ask, last, volume, open_interest }) => ({
      strike,
      option_type,
      bid,
      ask,
      last,
      volume,
      open_interest,
    }),
  );
  return { spot_price: SPOT, expiry, timestamp, quotes, priced };
}

const analyze = (body: unknown) =>
  web.call<AnalyzeResponse>(analyzeRoute, '/api/analytics/analyze', { body, headers });

describe('POST /api/analytics/analyze', () => {
  // Without a product: the caller's conventions over the defaults, expiring at 23:59 UTC on `expiry`.
  const custom = testProduct('CUSTOM', {
    time_zone: 'UTC',
    lot_size: 50,
    conventions: { model: 'black-scholes-merton', rate: 0.05, dividend_yield: 0.01, day_count: 'ACT/365' },
    expiry_rule: { weekday: 'TUE', weekly: 1, monthly: 0, monthly_occurrence: 'last', expiry_time: '23:59' },
  });

  it('solves IV from the prices and computes every metric of a chain that names no product', async () => {
    const { priced, ...request } = requestFor(custom);
    const { status, body } = await analyze({
      ...request,
      lot_size: 50,
      conventions: { rate: 0.05, dividend_yield: 0.01 },
    });
    expect(status).toBe(200);
    const { chain, smile, max_pain } = body;
    const timeYears = (Date.parse(`${expiry}T23:59:00Z`) - Date.parse(timestamp)) / (365 * 86_400_000);
    expect(chain).toMatchObject({
      product: 'CUSTOM',
      expiry,
      timestamp,
      spot_price: SPOT,
      strikes,
      conventions: custom.conventions,
    });
    expect(chain.time_to_expiry_years).toBeCloseTo(timeYears, 12);
    for (const quote of [...chain.calls, ...chain.puts]) expect(quote.iv).toBeCloseTo(VOLATILITY, 9);

    // Totals, ratios and the ATM straddle, worked from the request's own numbers.
    const callOi = 100 + 200 + 800 + 1_400 + 1_100 + 700;
    const putOi = 900 + 1_200 + 1_500 + 600 + 200 + 50;
    const mid = (side: OptionChain['calls']) => (side[2]!.bid + side[2]!.ask) / 2;
    const straddle = mid(priced.calls) + mid(priced.puts);
    expect(chain).toMatchObject({
      total_call_oi: callOi,
      total_put_oi: putOi,
      pcr_oi: putOi / callOi,
      pcr_volume: 1,
      atm_strike: 1_000,
      atm_straddle_price: straddle,
      implied_move: straddle,
      implied_move_pct: (100 * straddle) / SPOT,
      call_buildup_otm: 1_400 + 1_100 + 700,
      put_buildup_otm: 900 + 1_200 + 1_500,
    });
    expect(chain.atm_iv).toBeCloseTo(VOLATILITY, 9);

    const core = maxPain(
      request.quotes.filter((q) => q.option_type === 'CALL'),
      request.quotes.filter((q) => q.option_type === 'PUT'),
    );
    expect(chain.max_pain_strike).toBe(core.max_pain_strike);
    expect(max_pain).toEqual(core.payout_curve);
    expect(max_pain.strikes).toEqual(strikes);

    // Gamma exposure per 1% move, lot of 50, calls long and puts short for dealers (SqueezeMetrics).
    const gammaAt = (optionType: 'CALL' | 'PUT', strike: number) =>
      priceOption({
        model: 'black-scholes-merton',
        optionType,
        underlying: SPOT,
        strike,
        timeYears,
        volatility: VOLATILITY,
        rate: 0.05,
        dividendYield: 0.01,
      }).gamma;
    const net = strikes.reduce(
      (sum, k) =>
        sum + (gammaAt('CALL', k) * OI[k]![0] - gammaAt('PUT', k) * OI[k]![1]) * 50 * SPOT * SPOT * 0.01,
      0,
    );
    expect(chain.gamma_exposure.net_gamma_exposure / net).toBeCloseTo(1, 7);

    expect(smile.strikes).toEqual(strikes);
    for (const series of [smile.call_iv, smile.put_iv, smile.otm_iv]) {
      series.forEach((iv) => expect(iv).toBeCloseTo(VOLATILITY, 9));
    }
    // No previous close given: the chain is its own first snapshot, and there is no previous snapshot.
    expect(chain.change_base).toBe('session_first');
    for (const quote of [...chain.calls, ...chain.puts]) {
      expect(quote).toMatchObject({
        oi_change: 0,
        price_change: 0,
        buildup: 'NEUTRAL',
        snapshot_oi_change: null,
        snapshot_price_change: null,
      });
    }
  });

  it('uses a catalogue product’s calendar, conventions and lot size, and the previous close given', async () => {
    const { priced: _priced, ...request } = requestFor(catalogued);
    // The 1,000 call last traded 3 above its mid: the premium is the mid, and its change is measured from
    // the previous premium, not from a last price.
    const lastAboveMid = request.quotes[2]!.last + 3;
    request.quotes[2] = {
      ...request.quotes[2]!,
      last: lastAboveMid,
      previous_open_interest: 500,
      previous_premium: 1,
    };
    // The old name still reads as the previous premium; the new one wins when both are sent.
    request.quotes[3] = { ...request.quotes[3]!, previous_last: 2 };
    request.quotes[4] = { ...request.quotes[4]!, previous_premium: 3, previous_last: 999 };
    request.quotes[8] = { ...request.quotes[8]!, previous_open_interest: 2_000 };
    const { status, body } = await analyze({ ...request, product: catalogued.symbol });
    expect(status).toBe(200);
    expect(body.chain).toMatchObject({
      product: catalogued.symbol,
      conventions: catalogued.conventions,
      change_base: 'previous_close',
    });
    for (const quote of [...body.chain.calls, ...body.chain.puts])
      expect(quote.iv).toBeCloseTo(VOLATILITY, 9);
    const [, , call, withOldName, withBoth] = body.chain.calls;
    const mid = (quote: Quote) => (quote.bid + quote.ask) / 2;
    expect(call).toMatchObject({
      strike: 1_000,
      last: lastAboveMid,
      oi_change: 300,
      buildup: 'LONG_BUILDUP',
    });
    expect(call!.price_change).toBe(mid(request.quotes[2]!) - 1);
    expect(withOldName).toMatchObject({ oi_change: 0, price_change: mid(request.quotes[3]!) - 2 });
    expect(withBoth).toMatchObject({ oi_change: 0, price_change: mid(request.quotes[4]!) - 3 });
    // No previous premium: the price change is unknown, and OI alone does not classify.
    expect(body.chain.puts[2]).toMatchObject({
      strike: 1_000,
      oi_change: -500,
      price_change: null,
      buildup: 'NEUTRAL',
    });
    // Nothing previous given: the quote is its own base.
    expect(body.chain.puts[0]).toMatchObject({ oi_change: 0, price_change: 0, buildup: 'NEUTRAL' });

    const withCustomLot = await analyze({ ...request, product: catalogued.symbol, lot_size: 1 });
    expect(
      body.chain.gamma_exposure.net_gamma_exposure /
        withCustomLot.body.chain.gamma_exposure.net_gamma_exposure,
    ).toBeCloseTo(catalogued.lot_size, 9);
  });

  it('400s a bad body naming the field', async () => {
    const { priced: _priced, ...request } = requestFor(custom);
    const quote = request.quotes[0]!;
    const cases: [unknown, string][] = [
      [{ ...request, quotes: [{ ...quote, strike: -5 }] }, 'quotes.0.strike'],
      [{ ...request, quotes: [quote, request.quotes[1], { ...quote }] }, 'quotes.2.strike'],
      [{ ...request, quotes: [{ ...quote, bid: 9, ask: 8 }] }, 'quotes.0.bid'],
      [{ ...request, quotes: [{ ...quote, option_type: 'STRADDLE' }] }, 'quotes.0.option_type'],
      [{ ...request, quotes: [] }, 'quotes'],
      [
        { ...request, quotes: Array.from({ length: 2_001 }, (_, i) => ({ ...quote, strike: i + 1 })) },
        'quotes',
      ],
      [{ ...request, spot_price: 0 }, 'spot_price'],
      [{ ...request, expiry: '2026-02-30' }, 'expiry'],
      [{ ...request, timestamp: undefined, expiry: dateFromToday(-3) }, 'expiry'],
      [{ ...request, timestamp: new Date(Date.parse(`${expiry}T23:59:00Z`)).toISOString() }, 'timestamp'],
      ['{"spot_price":', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await analyze(body);
      expect(response.status, field).toBe(400);
      expect(response.body, field).toMatchObject({ error: { code: 'VALIDATION_ERROR', field } });
    }
  });

  it('accepts a maximal body, 2,000 quotes indented, and refuses a byte beyond its limit with 413', async () => {
    const { priced: _priced, ...request } = requestFor(catalogued);
    const quote = request.quotes[0]!;
    const quotes = Array.from({ length: 2000 }, (_, i) => ({
      ...quote,
      strike: quote.strike + i * 0.05,
      previous_open_interest: quote.open_interest,
      previous_premium: quote.last,
      previous_last: quote.last,
    }));
    const maximal = JSON.stringify({ ...request, quotes }, null, 2);
    expect(maximal.length).toBeGreaterThan(600_000);
    expect(maximal.length).toBeLessThanOrEqual(ANALYZE_BODY_LIMIT_BYTES);
    const accepted = await web.call<AnalyzeResponse>(analyzeRoute, '/api/analytics/analyze', {
      body: maximal,
      headers,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.chain.calls.length + accepted.body.chain.puts.length).toBe(2000);
    const tooLarge = await web.call(analyzeRoute, '/api/analytics/analyze', {
      body: maximal.padEnd(ANALYZE_BODY_LIMIT_BYTES + 1, ' '),
      headers,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', field: 'body' } });
  });

  it('404s an unknown product', async () => {
    const { priced: _priced, ...request } = requestFor(custom);
    const response = await analyze({ ...request, product: 'NOSUCH' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
  });
});
