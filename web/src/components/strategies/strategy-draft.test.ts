import { describe, expect, it } from 'vitest';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { OptionLeg } from '@deltastream/core/strategy';
import { flatVolChain } from '@deltastream/core/testing';
import { makeProduct } from '@deltastream/db/testing';
import {
  editedLeg,
  emptyDraft,
  legExpiries,
  needsRepricing,
  pickedLeg,
  withLeg,
  withLegAt,
  withoutLeg,
} from './strategy-draft';

const product = makeProduct('DRAFT', { holidays: [] });
const AS_OF = '2030-01-02T05:00:00.000Z';
const chainOf = (expiry: string): EnrichedChain =>
  enrichChain(
    flatVolChain(product, {
      expiry,
      timestamp: AS_OF,
      seq: 1,
      spot: 24_010,
      volatility: 0.2,
      strikes: [23_900, 24_000, 24_100],
    }),
    product,
    NO_CHANGE_BASES,
    AS_OF,
  );
const near = chainOf('2030-01-10');
const far = chainOf('2030-01-24');

describe('the strategy draft', () => {
  it('enters a clicked ask as one lot bought there, a clicked bid as one lot sold there', () => {
    const quote = near.calls[1]!;
    expect(pickedLeg(quote, 'BUY', near)).toEqual({
      kind: 'option',
      expiry: near.expiry,
      strike: 24_000,
      option_type: 'CALL',
      side: 'BUY',
      lots: 1,
      entry_price: quote.ask,
      iv: quote.iv,
    });
    expect(pickedLeg(quote, 'SELL', near).entry_price).toBe(quote.bid);
  });

  it('keeps the entry price for more lots, and enters a new side, strike or expiry at the live quote', () => {
    const bought = pickedLeg(near.calls[1]!, 'BUY', near);
    expect(needsRepricing(bought, { lots: 3 })).toBe(false);
    expect(editedLeg(bought, { lots: 3 }, [])).toEqual({ ...bought, lots: 3 });
    expect(needsRepricing(bought, { side: 'BUY' })).toBe(false);

    const sold = editedLeg(bought, { side: 'SELL', lots: 2 }, [near]) as OptionLeg;
    expect(sold).toMatchObject({ side: 'SELL', lots: 2, entry_price: near.calls[1]!.bid });
    const moved = editedLeg(bought, { strike: 24_100 }, [near]) as OptionLeg;
    expect([moved.strike, moved.entry_price, moved.iv]).toEqual([
      24_100,
      near.calls[2]!.ask,
      near.calls[2]!.iv,
    ]);
    const later = editedLeg(bought, { expiry: far.expiry }, [far]) as OptionLeg;
    expect([later.expiry, later.entry_price]).toEqual([far.expiry, far.calls[1]!.ask]);
    expect(() => editedLeg(bought, { strike: 24_050 }, [near])).toThrow('leg.strike');

    const underlying = { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 24_000 } as const;
    expect(editedLeg(underlying, { side: 'SELL', lots: 2 }, [])).toEqual({
      ...underlying,
      side: 'SELL',
      lots: 2,
    });
  });

  it('adds, replaces and removes legs, and lists their expiries nearest first', () => {
    const a = pickedLeg(far.puts[0]!, 'SELL', far);
    const b = pickedLeg(near.calls[2]!, 'BUY', near);
    const draft = withLeg(withLeg(emptyDraft('DRAFT'), a), b);
    expect(draft.legs).toEqual([a, b]);
    expect(legExpiries([...draft.legs, a])).toEqual([near.expiry, far.expiry]);
    expect(withLegAt(draft, 0, b).legs).toEqual([b, b]);
    expect(withoutLeg(draft, 0).legs).toEqual([b]);
  });
});
