import { describe, expect, it } from 'vitest';
import type { OptionChain } from '@deltastream/core/schemas';
import { catalogue, fixtureText, IMPORT_FIXTURES, importText } from './testing';

const text = fixtureText(IMPORT_FIXTURES.udiff);
/** 15:30 in Mumbai on the trade date, Friday 27 November 2026: the NSE close. */
const CLOSE = '2026-11-27T10:00:00.000Z';
const CLOSE_MS = Date.parse(CLOSE);

const chainOf = (chains: OptionChain[], product: string, expiry: string) =>
  chains.find((c) => c.product === product && c.expiry === expiry) as OptionChain;

/** The fixture with one cell of every row of `symbol` replaced. */
function withCell(column: string, value: (row: string[]) => string, symbol = 'NIFTY'): string {
  const [header = '', ...rows] = text.trimEnd().split('\n');
  const index = header.split(',').indexOf(column);
  const edited = rows.map((line) => {
    const cells = line.split(',');
    if (cells[7] === symbol) cells[index] = value(cells);
    return cells.join(',');
  });
  return [header, ...edited].join('\n');
}

describe('NSE F&O bhavcopy, UDiFF layout', () => {
  it('reads the options and futures of the catalogue and counts the rest', () => {
    const { summary, ticks, chains } = importText(text);
    expect(summary).toEqual({
      layout: 'NSE F&O bhavcopy (UDiFF)',
      rows: 37,
      options: 32,
      futures: 2,
      notListed: { MIDCPNIFTY: 1, RELIANCE: 2 },
      otherInstruments: {},
      lotSizesUnlikeCatalogue: {
        NIFTY: { catalogue: 75, file: [65] },
        BANKNIFTY: { catalogue: 35, file: [30] },
      },
      errorCount: 0,
      errors: [],
      ticks: 2,
      chains: 4,
    });
    expect(ticks).toEqual([
      {
        type: 'UNDERLYING',
        product: 'BANKNIFTY',
        price: 59_430.1,
        timestamp: CLOSE,
        tick_id: CLOSE_MS / 500,
      },
      { type: 'UNDERLYING', product: 'NIFTY', price: 26_202.95, timestamp: CLOSE, tick_id: CLOSE_MS / 500 },
    ]);
    expect(chains.map((c) => [c.product, c.expiry, c.strikes.length, c.seq, c.prev_seq])).toEqual([
      ['BANKNIFTY', '2026-12-29', 3, CLOSE_MS / 1000, undefined],
      ['BANKNIFTY', '2027-01-25', 3, CLOSE_MS / 1000, undefined],
      ['NIFTY', '2026-12-01', 5, CLOSE_MS / 1000, undefined],
      ['NIFTY', '2026-12-29', 5, CLOSE_MS / 1000, undefined],
    ]);
  });

  it('maps a row to a quote: settlement as last, no bid or ask, contracts traded, open contracts', () => {
    const weekly = chainOf(importText(text).chains, 'NIFTY', '2026-12-01');
    expect(weekly.spot_price).toBe(26_202.95);
    expect(weekly.strikes).toEqual([26_000, 26_100, 26_200, 26_300, 26_400]);
    expect(weekly.calls.map((q) => q.strike)).toEqual(weekly.strikes);
    expect(weekly.puts.map((q) => q.strike)).toEqual(weekly.strikes);
    // Line 8: ...,26200.00,CE,...,ClsPric 131.85,...,SttlmPric 131.85,OpnIntrst 59344675,...,TtlTradgVol 1285802,...,NewBrdLotQty 65
    expect(weekly.calls[2]).toEqual({
      symbol: 'NIFTY20261201C26200',
      product: 'NIFTY',
      strike: 26_200,
      expiry: '2026-12-01',
      option_type: 'CALL',
      bid: 0,
      ask: 0,
      last: 131.85,
      volume: 1_285_802,
      open_interest: 912_995,
      timestamp: CLOSE,
    });
  });

  it('takes the settlement price, not the stale close, of a contract that did not trade', () => {
    // Line 32: BANKNIFTY 2027-01-25 59000 PE, ClsPric 1118.85 (the previous close), SttlmPric 909.65, volume 0.
    const january = chainOf(importText(text).chains, 'BANKNIFTY', '2027-01-25');
    expect(january.puts[0]).toMatchObject({
      strike: 59_000,
      last: 909.65,
      volume: 0,
      open_interest: 198_096,
    });
  });

  it('takes the nearest future as the underlying when no row gives UndrlygPric', () => {
    const { chains, ticks } = importText(withCell('UndrlygPric', () => ''));
    expect(chainOf(chains, 'NIFTY', '2026-12-01').spot_price).toBe(26_325);
    expect(ticks.find((t) => t.product === 'NIFTY')?.price).toBe(26_325);
    expect(chainOf(chains, 'BANKNIFTY', '2026-12-29').spot_price).toBe(59_430.1);
  });

  it('takes the actual expiry when it differs from XpryDt', () => {
    const moved = withCell(
      'XpryDt',
      (cells) => (cells[10] === '2027-01-25' ? '2027-01-26' : (cells[9] ?? '')),
      'BANKNIFTY',
    );
    const banknifty = importText(moved).chains.filter((c) => c.product === 'BANKNIFTY');
    expect(banknifty.map((c) => c.expiry)).toEqual(['2026-12-29', '2027-01-25']);
  });

  it('skips a catalogue symbol listed on another exchange, and products not imported', () => {
    const { summary } = importText(
      withCell('Src', () => 'BSE'),
      {
        products: catalogue.filter((p) => p.symbol !== 'BANKNIFTY'),
      },
    );
    expect(summary.notListed).toEqual({ BANKNIFTY: 13, MIDCPNIFTY: 1, NIFTY: 21, RELIANCE: 2 });
    expect(summary.chains).toBe(0);
  });

  it('counts rows of instruments that are neither options nor futures', () => {
    const { summary } = importText(withCell('FinInstrmTp', () => 'IDX'));
    expect(summary.otherInstruments).toEqual({ IDX: 21 });
    expect(summary.options).toBe(12);
  });
});
