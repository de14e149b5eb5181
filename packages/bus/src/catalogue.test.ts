import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expiryInstantMs, listExpiries } from '@deltastream/core/calendar';
import { yearFraction } from '@deltastream/core/pricing';
import type { Product } from '@deltastream/core/schemas';
import {
  CatalogueError,
  calendarPath,
  defaultCataloguePath,
  loadCatalogueFile,
  loadExchangeCalendar,
  parseCatalogue,
} from './catalogue';

const directory = mkdtempSync(join(tmpdir(), 'catalogue-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const shipped = loadCatalogueFile();
const product = (symbol: string): Product => {
  const found = shipped.find((p) => p.symbol === symbol);
  if (!found) throw new Error(`no ${symbol} in the catalogue`);
  return found;
};

describe('product catalogue', () => {
  it('ships the eight original products, valid', () => {
    const symbols = loadCatalogueFile().map((p) => p.symbol);
    expect(symbols).toEqual(['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX', 'AAPL', 'TSLA', 'SPY', 'QQQ']);
  });

  it('accepts a new product as a catalogue entry alone', () => {
    const [nifty] = loadCatalogueFile();
    const reliance = {
      ...nifty,
      symbol: 'RELIANCE',
      name: 'Reliance Industries',
      base_price: 2900,
      strike_step: 20,
      lot_size: 500,
    };
    const products = parseCatalogue({ products: [nifty, reliance] });
    expect(products.map((p) => p.symbol)).toEqual(['NIFTY', 'RELIANCE']);
  });

  it('names the bad entry and field', () => {
    const [nifty] = loadCatalogueFile();
    const bad = { ...nifty, symbol: 'SENSEX', expiry_rule: { ...nifty!.expiry_rule, weekday: 'SUN' } };
    expect(() => parseCatalogue({ products: [nifty, bad] })).toThrow(
      /products\[1\] \(SENSEX\)\.expiry_rule\.weekday/,
    );
    expect(() => parseCatalogue({ products: [nifty, nifty] })).toThrow(/duplicate symbol NIFTY/);
    expect(() => parseCatalogue({ products: [{ ...nifty, time_zone: 'Mars/Olympus' }] })).toThrow(
      CatalogueError,
    );
  });
});

/**
 * Expiries listed shortly before holidays (product, listing instant, expiries): an expiry that falls on a
 * holiday moves to the trading day before.
 */
const LISTED_AROUND_HOLIDAYS: Array<[symbol: string, listedAt: string, expiries: string[]]> = [
  // US Friday weeklies on Christmas 2026 and 1 January 2027 move to Thursday.
  ['AAPL', '2026-12-07T15:00:00Z', ['2026-12-11', '2026-12-18', '2026-12-24', '2026-12-31', '2027-01-15']],
  // Good Friday 2026: the expiry moves to Thursday 2 April.
  ['SPY', '2026-03-30T14:00:00Z', ['2026-04-02', '2026-04-10', '2026-04-17', '2026-04-24', '2026-05-15']],
  // NSE: Holi, Tuesday 3 March → Monday 2 March; the March monthly, Tuesday 31 March (Mahavir Jayanti)
  // → Monday 30 March.
  [
    'NIFTY',
    '2026-02-27T04:00:00Z',
    ['2026-03-02', '2026-03-10', '2026-03-17', '2026-03-24', '2026-03-30', '2026-04-28'],
  ],
  // NSE: the November monthly, Tuesday 24 November (Guru Nanak Jayanti) → Monday 23 November.
  ['NIFTY', '2026-11-16T04:00:00Z', ['2026-11-17', '2026-11-23', '2026-12-01', '2026-12-08', '2026-12-29']],
  // BSE: Thursday 15 January 2026 → the 14th, as BSE announced.
  ['SENSEX', '2026-01-12T04:00:00Z', ['2026-01-14', '2026-01-22', '2026-01-29', '2026-02-05', '2026-02-26']],
];

describe('exchange calendars', () => {
  const calendarIds = ['nse', 'bse', 'us'];

  it('ship one valid file per market of the catalogue, each product naming its own', () => {
    for (const id of calendarIds)
      expect(loadExchangeCalendar(calendarPath(defaultCataloguePath(), id)).id).toBe(id);
    const holidaysOf = (id: string) =>
      loadExchangeCalendar(calendarPath(defaultCataloguePath(), id)).holidays.map((h) => h.date);
    expect(product('NIFTY').holidays).toEqual(holidaysOf('nse'));
    expect(product('SENSEX').holidays).toEqual(holidaysOf('bse'));
    for (const symbol of ['AAPL', 'TSLA', 'SPY', 'QQQ'])
      expect(product(symbol).holidays).toEqual(holidaysOf('us'));
  });

  it('cover 2026 and 2027, NSE and BSE with the 2026 circulars (15 January 2026 added by both)', () => {
    for (const id of calendarIds) {
      const years = new Set(
        loadExchangeCalendar(calendarPath(defaultCataloguePath(), id)).holidays.map((h) =>
          h.date.slice(0, 4),
        ),
      );
      expect([...years]).toEqual(expect.arrayContaining(['2026', '2027']));
    }
    expect(product('NIFTY').holidays.filter((d) => d.startsWith('2026'))).toHaveLength(16);
    expect(product('NIFTY').holidays).toContain('2026-01-15');
    expect(product('AAPL').holidays).toEqual(
      expect.arrayContaining(['2026-04-03', '2026-12-25', '2027-12-24']),
    );
  });

  for (const [symbol, listedAt, expiries] of LISTED_AROUND_HOLIDAYS) {
    it(`move ${symbol} expiries listed at ${listedAt} off holidays, to the trading day before`, () => {
      expect(listExpiries(product(symbol), Date.parse(listedAt))).toEqual(expiries);
    });
  }

  it('never list Christmas 2026 as a US expiry; move the BANKNIFTY November and the BSE Ram Navami and Bakri Id monthlies', () => {
    expect(listExpiries(product('AAPL'), Date.parse('2026-12-07T15:00:00Z'))).not.toContain('2026-12-25');
    expect(listExpiries(product('BANKNIFTY'), Date.parse('2026-11-16T04:00:00Z'))[0]).toBe('2026-11-23');
    const sensex = product('SENSEX');
    expect(listExpiries(sensex, Date.parse('2026-03-20T04:00:00Z'))).toContain('2026-03-25');
    expect(listExpiries(sensex, Date.parse('2026-05-20T04:00:00Z'))).toContain('2026-05-27');
  });

  it('are not business days under BUS/252: Thursday close to Monday close over Good Friday is one day', () => {
    const aapl = product('AAPL');
    const thursday = expiryInstantMs(aapl, '2026-04-02');
    const monday = expiryInstantMs(aapl, '2026-04-06');
    const options = { holidays: aapl.holidays, timeZone: aapl.time_zone };
    expect(yearFraction(thursday, monday, 'BUS/252', options) * 252).toBeCloseTo(1, 12);
    expect(yearFraction(thursday, monday, 'BUS/252', { timeZone: aapl.time_zone }) * 252).toBeCloseTo(2, 12);
    const nifty = product('NIFTY');
    // Monday 23 November 15:30 IST to Wednesday 25 November 15:30 IST across Guru Nanak Jayanti.
    expect(
      yearFraction(expiryInstantMs(nifty, '2026-11-23'), expiryInstantMs(nifty, '2026-11-25'), 'BUS/252', {
        holidays: nifty.holidays,
        timeZone: nifty.time_zone,
      }) * 252,
    ).toBeCloseTo(1, 12);
  });

  it('are named by id: an unknown calendar, a bad file or a misnamed one stops loading with its path', () => {
    const [nifty] = shipped;
    expect(() => parseCatalogue({ products: [{ ...nifty, calendar: 'lse' }] })).toThrow(
      /products\[0\] \(NIFTY\)\.calendar: no exchange calendar "lse"/,
    );
    expect(() => parseCatalogue({ products: [{ ...nifty, calendar: '../nse' }] })).toThrow(
      /calendar: must be/,
    );
    mkdirSync(join(directory, 'calendars'));
    const catalogueFile = join(directory, 'products.json');
    writeFileSync(
      catalogueFile,
      JSON.stringify({ products: [{ ...nifty, holidays: ['2026-08-14'], calendar: 'xnse' }] }),
    );
    const calendar = {
      id: 'xnse',
      name: 'Test',
      source: 'test',
      holidays: [{ date: '2026-08-13', name: 'A' }],
    };
    writeFileSync(join(directory, 'calendars', 'xnse.json'), JSON.stringify(calendar));
    // The calendar's dates and the entry's own.
    expect(loadCatalogueFile(catalogueFile)[0]?.holidays).toEqual(['2026-08-13', '2026-08-14']);
    writeFileSync(
      join(directory, 'calendars', 'xnse.json'),
      JSON.stringify({ ...calendar, holidays: [{ date: '2026-08-15', name: 'Saturday' }] }),
    );
    expect(() => loadCatalogueFile(catalogueFile)).toThrow(
      /xnse\.json:\n {2}holidays\.0\.date: 2026-08-15 is a weekend day/,
    );
    writeFileSync(join(directory, 'calendars', 'xnse.json'), JSON.stringify({ ...calendar, id: 'nse' }));
    expect(() => loadCatalogueFile(catalogueFile)).toThrow(/has the id "nse": name the file after it/);
  });
});
