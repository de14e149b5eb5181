import { describe, expect, it } from 'vitest';
import {
  NO_CHOICE,
  chosenExpiry,
  chosenProduct,
  parseMarketChoice,
  withExpiry,
  withProduct,
} from './market-choice';

const CATALOGUE = ['BANKNIFTY', 'NIFTY', 'SENSEX'];
const EXPIRIES = ['2026-12-01', '2026-12-08', '2026-12-29'];

describe('chosenProduct', () => {
  it("opens on the catalogue's first product when nothing is remembered", () => {
    expect(chosenProduct(CATALOGUE, NO_CHOICE)).toBe('BANKNIFTY');
    expect(chosenProduct([], NO_CHOICE)).toBeUndefined();
  });

  it('opens on the remembered product, unless it has left the catalogue', () => {
    expect(chosenProduct(CATALOGUE, withProduct(NO_CHOICE, 'SENSEX'))).toBe('SENSEX');
    expect(chosenProduct(CATALOGUE, withProduct(NO_CHOICE, 'FINNIFTY'))).toBe('BANKNIFTY');
  });
});

describe('chosenExpiry', () => {
  it("takes the product's own remembered expiry while it is listed, else the nearest", () => {
    const choice = withExpiry(withExpiry(NO_CHOICE, 'NIFTY', '2026-12-08'), 'SENSEX', '2026-11-24');
    expect(chosenExpiry(EXPIRIES, 'NIFTY', choice)).toBe('2026-12-08');
    // SENSEX's remembered expiry has rolled off; BANKNIFTY has none.
    expect(chosenExpiry(EXPIRIES, 'SENSEX', choice)).toBe('2026-12-01');
    expect(chosenExpiry(EXPIRIES, 'BANKNIFTY', choice)).toBe('2026-12-01');
    expect(chosenExpiry([], 'NIFTY', choice)).toBeUndefined();
  });
});

describe('parseMarketChoice', () => {
  it('reads back what was stored', () => {
    const choice = withExpiry(withProduct(NO_CHOICE, 'NIFTY'), 'NIFTY', '2026-12-08');
    expect(parseMarketChoice(JSON.stringify(choice))).toEqual(choice);
    expect(parseMarketChoice('{"product":"NIFTY"}')).toEqual({ product: 'NIFTY', expiries: {} });
  });

  it('takes nothing stored, bad JSON or another shape as no choice', () => {
    expect(parseMarketChoice(null)).toEqual(NO_CHOICE);
    expect(parseMarketChoice('{"product":')).toEqual(NO_CHOICE);
    expect(parseMarketChoice('"NIFTY"')).toEqual(NO_CHOICE);
    expect(parseMarketChoice('{"product":42}')).toEqual(NO_CHOICE);
    expect(parseMarketChoice('{"expiries":{"NIFTY":7}}')).toEqual(NO_CHOICE);
  });
});
