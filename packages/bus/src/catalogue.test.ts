import { describe, expect, it } from 'vitest';
import { CatalogueError, loadCatalogueFile, parseCatalogue } from './catalogue';

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
