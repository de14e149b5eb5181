import { describe, expect, it } from 'vitest';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { flatVolChain } from '@deltastream/core/testing';
import { makeProduct } from '@deltastream/db/testing';
import { optionLegFromChain, resolveStrategy } from './strategy-legs';

const product = makeProduct('LEGS', { holidays: [] });
const AS_OF = '2030-01-02T05:00:00.000Z';
const EXPIRY = '2030-01-24';

/**
 * A flat-vol chain at 20% with bid and ask around the model price; the 24,050 call is one-sided, the
 * 24,100 put has no price and the 23,900 call no IV.
 */
function chain(): EnrichedChain {
  const priced = flatVolChain(product, {
    expiry: EXPIRY,
    timestamp: AS_OF,
    seq: 1,
    spot: 24_010,
    volatility: 0.2,
    strikes: [23_900, 23_950, 24_000, 24_050, 24_100],
  });
  priced.calls[3] = { ...priced.calls[3]!, bid: 0 };
  priced.puts[4] = { ...priced.puts[4]!, bid: 0, ask: 0, last: 0 };
  // Below its intrinsic value of 110: no IV solves it.
  priced.calls[0] = { ...priced.calls[0]!, bid: 50, ask: 51, last: 50 };
  return enrichChain(priced, product, NO_CHANGE_BASES, AS_OF);
}
const chains = [chain()];
const [live] = chains;
const contract = { kind: 'option', expiry: EXPIRY, option_type: 'CALL', lots: 2 } as const;

describe('optionLegFromChain', () => {
  it('enters a two-sided quote at the ask to buy and the bid to sell, with its solved IV', () => {
    const quote = live!.calls[2]!;
    expect(optionLegFromChain({ ...contract, strike: 24_000, side: 'BUY' }, chains, 'legs.0')).toEqual({
      ...contract,
      strike: 24_000,
      side: 'BUY',
      entry_price: quote.ask,
      iv: quote.iv,
    });
    expect(
      optionLegFromChain({ ...contract, strike: 24_000, side: 'SELL' }, chains, 'legs.0').entry_price,
    ).toBe(quote.bid);
    expect(quote.iv).toBeCloseTo(0.2, 9);
  });

  it('enters a one-sided quote at its last trade, and keeps a price or IV the leg brings', () => {
    const oneSided = live!.calls[3]!;
    expect(
      optionLegFromChain({ ...contract, strike: 24_050, side: 'BUY' }, chains, 'legs.0').entry_price,
    ).toBe(oneSided.last);
    const own = optionLegFromChain(
      { ...contract, strike: 24_000, side: 'BUY', entry_price: 99 },
      chains,
      'legs.0',
    );
    expect([own.entry_price, own.iv]).toEqual([99, live!.calls[2]!.iv]);
    // Both brought: the chain is not needed, so a strike it does not list is fine.
    expect(
      optionLegFromChain({ ...contract, strike: 31_337, side: 'BUY', entry_price: 1, iv: 0.3 }, [], 'legs.0'),
    ).toMatchObject({ strike: 31_337, entry_price: 1, iv: 0.3 });
  });

  it.each([
    [{ expiry: '2030-02-28' }, 'legs.4.expiry: no live chain for 2030-02-28'],
    [{ strike: 24_025 }, `legs.4.strike: no such strike in the ${EXPIRY} chain`],
    [
      { strike: 24_100, option_type: 'PUT' },
      `legs.4.entry_price: the ${EXPIRY} 24100 PUT has no price; send one`,
    ],
    [{ strike: 23_900 }, `legs.4.iv: the ${EXPIRY} 23900 CALL quote carries no IV; send one`],
  ] as const)('names the field it cannot price: %o', (change, message) => {
    expect(() =>
      optionLegFromChain({ ...contract, strike: 24_000, side: 'BUY', ...change }, chains, 'legs.4'),
    ).toThrow(message);
  });
});

describe('resolveStrategy', () => {
  it('prices every leg, an underlying leg at spot unless it names its price', () => {
    const strategy = resolveStrategy(
      {
        product: 'LEGS',
        legs: [
          { ...contract, strike: 24_000, side: 'SELL' },
          { kind: 'underlying', side: 'BUY', lots: 1 },
          { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 24_111 },
        ],
      },
      chains,
      24_010,
    );
    expect(strategy.legs.slice(1)).toEqual([
      { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 24_010 },
      { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 24_111 },
    ]);
    expect(() =>
      resolveStrategy({ product: 'LEGS', legs: [{ ...contract, strike: 1, side: 'BUY' }] }, chains, 24_010),
    ).toThrow('legs.0.strike');
  });
});
