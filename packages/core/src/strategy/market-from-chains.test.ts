import { describe, expect, it } from 'vitest';
import { StrategyMarketSchema } from './analysis-schema';
import { strategyMarketFromChains } from './market-from-chains';

describe('strategyMarketFromChains', () => {
  it('takes spot and instant from the latest chain and the ATM IV of each expiry that has one', () => {
    const market = strategyMarketFromChains([
      { expiry: '2026-12-01', spot_price: 21_530, timestamp: '2026-11-24T05:00:00.000Z', atm_iv: 0.14 },
      { expiry: '2026-12-29', spot_price: 21_537, timestamp: '2026-11-24T05:00:01.000Z', atm_iv: 0.15 },
      { expiry: '2027-01-26', spot_price: 21_520, timestamp: '2026-11-24T04:59:59.000Z', atm_iv: null },
    ]);
    expect(market).toEqual({
      spot_price: 21_537,
      as_of: '2026-11-24T05:00:01.000Z',
      atm_iv: { '2026-12-01': 0.14, '2026-12-29': 0.15 },
    });
    expect(StrategyMarketSchema.parse(market)).toEqual(market);
    expect(() => strategyMarketFromChains([])).toThrow('chains');
  });
});
