import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { StrategySchema, type OptionLeg, type Strategy } from '@deltastream/core/strategy';
import { simulatedChains, storeChains, testProduct, useMarketTest } from '../../server/market-fixtures';
import { strategyPresetRoute } from './preset';

const product = testProduct();
const quiet = testProduct();
const { web, headers } = useMarketTest([product, quiet]);
/** Nearest first. */
let chains: EnrichedChain[];

beforeAll(async () => {
  chains = simulatedChains(product, 1).sort((a, b) => (a.expiry < b.expiry ? -1 : 1));
  await storeChains(web, chains);
});

const preset = (body: unknown) =>
  web.call<Strategy & { error: { message: string; field: string } }>(
    strategyPresetRoute,
    '/api/strategies/preset',
    { body, headers },
  );

const quoteOf = (chain: EnrichedChain, leg: OptionLeg) =>
  (leg.option_type === 'CALL' ? chain.calls : chain.puts).find((quote) => quote.strike === leg.strike)!;

describe('POST /api/strategies/preset', () => {
  it('builds an iron condor on the nearest expiry from its latest quotes', async () => {
    const { status, body } = await preset({ product: product.symbol, preset: 'iron-condor' });
    expect(status).toBe(200);
    expect(StrategySchema.parse(body)).toEqual(body);
    const legs = body.legs as OptionLeg[];
    expect(legs.map((leg) => [leg.side, leg.option_type, leg.expiry, leg.lots])).toEqual([
      ['BUY', 'PUT', chains[0]!.expiry, 1],
      ['SELL', 'PUT', chains[0]!.expiry, 1],
      ['SELL', 'CALL', chains[0]!.expiry, 1],
      ['BUY', 'CALL', chains[0]!.expiry, 1],
    ]);
    const strikes = legs.map((leg) => leg.strike);
    expect([...strikes].sort((a, b) => a - b)).toEqual(strikes);
    expect(new Set(strikes).size).toBe(4);
    // Wings two strike steps beyond the short strikes (width_steps' default).
    expect(strikes[1]! - strikes[0]!).toBe(2 * product.strike_step);
    expect(strikes[3]! - strikes[2]!).toBe(2 * product.strike_step);
    for (const leg of legs) {
      const quote = quoteOf(chains[0]!, leg);
      expect(leg.entry_price).toBe(leg.side === 'BUY' ? quote.ask : quote.bid);
      expect(leg.iv).toBe(quote.iv);
    }
  });

  it('builds a calendar on the expiries asked for, with the lots asked for', async () => {
    const [, second, third] = chains;
    const { status, body } = await preset({
      product: product.symbol,
      preset: 'calendar-spread',
      expiry: second!.expiry,
      far_expiry: third!.expiry,
      lots: 3,
    });
    expect(status).toBe(200);
    expect(body.legs.map((leg) => leg.kind === 'option' && [leg.side, leg.expiry, leg.lots])).toEqual([
      ['SELL', second!.expiry, 3],
      ['BUY', third!.expiry, 3],
    ]);
  });

  it.each([
    [{ preset: 'iron-eagle' }, 400, 'preset'],
    [{ preset: 'iron-condor', expiry: '2031-01-07' }, 400, 'expiry'],
    [{ preset: 'bull-call-spread', width_steps: 50 }, 400, 'preset'],
    [{ preset: 'long-call', lots: 0 }, 400, 'lots'],
    [{ preset: 'long-call', legs: [] }, 400, 'body'],
  ])('refuses %o with %i naming %s', async (change, status, field) => {
    const answer = await preset({ product: product.symbol, ...change });
    expect([answer.status, answer.body.error.field]).toEqual([status, field]);
  });

  it('names the contract the live chain lacks', async () => {
    const { body } = await preset({ product: product.symbol, preset: 'bull-call-spread', width_steps: 50 });
    expect(body.error.message).toMatch(
      /^preset: bull-call-spread needs a CALL at strike \d+ of \d{4}-\d\d-\d\d, which is not quoted$/,
    );
  });

  it('answers 404 for a product without a live chain', async () => {
    const { status, body } = await preset({ product: quiet.symbol, preset: 'long-call' });
    expect([status, body.error.field]).toEqual([404, 'product']);
  });
});
