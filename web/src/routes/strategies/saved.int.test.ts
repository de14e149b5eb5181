import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { OptionLeg, Strategy } from '@deltastream/core/strategy';
import { listSavedStrategies } from '@deltastream/db/queries';
import { savedStrategies } from '@deltastream/db/schema';
import {
  MAX_SAVED_STRATEGIES_PER_USER,
  type SavedStrategyJson,
  type SavedStrategyListResponse,
} from '../../contracts/strategies';
import {
  newSignedInUser,
  simulatedChains,
  storeChains,
  testProduct,
  useMarketTest,
  type SignedInUser,
} from '../../server/market-fixtures';
import type { Route } from '../../server/route';
import { deleteStrategyRoute, getStrategyRoute, listStrategiesRoute, saveStrategyRoute } from './saved';

const product = testProduct();
const LOT = product.lot_size;
const { web } = useMarketTest([product]);
/** Two snapshots of every live expiry, a second apart: the first is stored before saving, the second after. */
let before: EnrichedChain[];
let after: EnrichedChain[];
let near: EnrichedChain;
const users = {} as Record<'owner' | 'other' | 'capped', SignedInUser>;

type Answer = SavedStrategyJson &
  SavedStrategyListResponse & { error: { code: string; message: string; field: string } };
const call = (route: Route, path: string, who: keyof typeof users, body?: unknown) =>
  web.call<Answer>(route, path, { headers: users[who].headers, body });

beforeAll(async () => {
  const chains = simulatedChains(product, 2);
  const newest = Math.max(...chains.map((chain) => Date.parse(chain.timestamp)));
  before = chains.filter((chain) => Date.parse(chain.timestamp) < newest);
  after = chains.filter((chain) => Date.parse(chain.timestamp) === newest);
  await storeChains(web, before);
  near = before.reduce((a, b) => (a.expiry < b.expiry ? a : b));
  for (const who of ['owner', 'other', 'capped'] as const) users[who] = await newSignedInUser(web, who);
});

/** A long straddle at the near ATM strike, two lots, hedged by one lot of the underlying sold at 100. */
function straddleRequest(name: string) {
  const atm = near.atm_strike;
  return {
    name,
    product: product.symbol,
    legs: [
      { kind: 'option', expiry: near.expiry, strike: atm, option_type: 'CALL', side: 'BUY', lots: 2 },
      { kind: 'option', expiry: near.expiry, strike: atm, option_type: 'PUT', side: 'BUY', lots: 2 },
      { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 100 },
    ],
  };
}

const quoteIn = (chains: readonly EnrichedChain[], leg: OptionLeg) =>
  (leg.option_type === 'CALL'
    ? chains.find((c) => c.expiry === leg.expiry)!.calls
    : chains.find((c) => c.expiry === leg.expiry)!.puts
  ).find((quote) => quote.strike === leg.strike)!;

describe('saved strategies', () => {
  let saved: SavedStrategyJson;

  it('saves the strategy priced from the live chain, and lists and reads it back', async () => {
    const { status, body } = await call(
      saveStrategyRoute,
      '/api/strategies',
      'owner',
      straddleRequest('  Straddle  '),
    );
    expect(status).toBe(201);
    saved = body;
    expect(saved.name).toBe('Straddle');
    const [call0, put0] = saved.strategy.legs as OptionLeg[];
    expect([call0!.entry_price, put0!.entry_price]).toEqual([
      quoteIn(before, call0!).ask,
      quoteIn(before, put0!).ask,
    ]);
    expect(saved.strategy.legs[2]).toEqual({ kind: 'underlying', side: 'SELL', lots: 1, entry_price: 100 });

    const second = await call(saveStrategyRoute, '/api/strategies', 'owner', straddleRequest('Second'));
    const list = await call(listStrategiesRoute, '/api/strategies', 'owner');
    expect(list.status).toBe(200);
    expect(list.body.max_strategies).toBe(MAX_SAVED_STRATEGIES_PER_USER);
    expect(list.body.strategies.map((entry) => entry.name)).toEqual(['Second', 'Straddle']);
    const one = await call(getStrategyRoute, `/api/strategies/${saved.id}`, 'owner');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: saved.id, name: 'Straddle', strategy: saved.strategy });

    expect((await call(deleteStrategyRoute, `/api/strategies/${second.body.id}`, 'owner')).body).toEqual({
      deleted: true,
      id: second.body.id,
    });
  });

  it('measures live P&L against the latest chain: marks at mid, and the payoff at expiry at spot', async () => {
    await storeChains(web, after);
    const { body } = await call(getStrategyRoute, `/api/strategies/${saved.id}`, 'owner');
    const live = body.live!;
    const latest = after.find((chain) => chain.expiry === near.expiry)!;
    expect(live.as_of).toBe(after[0]!.timestamp);
    expect(live.spot_price).toBe(latest.spot_price);
    const [callLeg, putLeg] = saved.strategy.legs as OptionLeg[];
    const callMid = quoteIn(after, callLeg!).mid;
    const putMid = quoteIn(after, putLeg!).mid;
    const spot = latest.spot_price;
    expect(live.legs.map((leg) => leg.mark)).toEqual([callMid, putMid, spot]);
    const pnl = [
      2 * LOT * (callMid - callLeg!.entry_price),
      2 * LOT * (putMid - putLeg!.entry_price),
      -LOT * (spot - 100),
    ];
    live.legs.forEach((leg, i) => expect(leg.pnl).toBeCloseTo(pnl[i]!, 9));
    expect(live.mark_to_market_pnl).toBeCloseTo(pnl[0]! + pnl[1]! + pnl[2]!, 9);
    // Every option leg expires together: at expiry the straddle is worth |spot − strike| a unit.
    const cost = 2 * LOT * (callLeg!.entry_price + putLeg!.entry_price) - LOT * 100;
    expect(live.pnl_at_expiry_at_spot).toBeCloseTo(
      2 * LOT * Math.abs(spot - callLeg!.strike) - LOT * spot - cost,
      6,
    );

    const list = await call(listStrategiesRoute, '/api/strategies', 'owner');
    expect(list.body.strategies[0]!.live).toEqual(live);
  });

  it("keeps each user's strategies their own: another user sees none, and reads or deletes none (404)", async () => {
    expect((await call(listStrategiesRoute, '/api/strategies', 'other')).body.strategies).toEqual([]);
    const read = await call(getStrategyRoute, `/api/strategies/${saved.id}`, 'other');
    expect([read.status, read.body.error.field]).toEqual([404, 'id']);
    const deleted = await call(deleteStrategyRoute, `/api/strategies/${saved.id}`, 'other');
    expect(deleted.status).toBe(404);
    expect((await call(getStrategyRoute, `/api/strategies/${saved.id}`, 'owner')).status).toBe(200);
  });

  it('answers 404 for an id that is no saved strategy, and 400 for one that is no id', async () => {
    for (const route of [getStrategyRoute, deleteStrategyRoute]) {
      expect((await call(route, `/api/strategies/${randomUUID()}`, 'owner')).status).toBe(404);
      const bad = await call(route, '/api/strategies/not-an-id', 'owner');
      expect([bad.status, bad.body.error.field]).toEqual([400, 'id']);
    }
    expect((await call(deleteStrategyRoute, `/api/strategies/${saved.id}`, 'owner')).status).toBe(200);
    expect((await call(getStrategyRoute, `/api/strategies/${saved.id}`, 'owner')).status).toBe(404);
  });

  it.each([
    ['no name', () => ({ name: '' }), 'name'],
    ['no legs', () => ({ legs: [] }), 'legs'],
    [
      'a strike the chain does not list',
      () => ({ legs: [{ ...straddleRequest('x').legs[0], strike: 7 }] }),
      'legs.0.strike',
    ],
    [
      'an expired leg',
      () => ({ legs: [{ ...straddleRequest('x').legs[0], expiry: '2020-01-07', entry_price: 1, iv: 0.2 }] }),
      'legs.0.expiry',
    ],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_case, change, field) => {
    const held = (await listSavedStrategies(web.ctx.db, users.owner.id)).length;
    const { status, body } = await call(saveStrategyRoute, '/api/strategies', 'owner', {
      ...straddleRequest('Refused'),
      ...change(),
    });
    expect([status, body.error.field]).toEqual([400, field]);
    expect(await listSavedStrategies(web.ctx.db, users.owner.id)).toHaveLength(held);
  });

  it(`refuses the ${MAX_SAVED_STRATEGIES_PER_USER + 1}th strategy of a user with a 409`, async () => {
    const strategy: Strategy = {
      product: product.symbol,
      legs: [
        {
          kind: 'option',
          expiry: near.expiry,
          strike: near.atm_strike,
          option_type: 'CALL',
          side: 'BUY',
          lots: 1,
          entry_price: 10,
          iv: 0.2,
        },
      ],
    };
    await web.ctx.db.insert(savedStrategies).values(
      Array.from({ length: MAX_SAVED_STRATEGIES_PER_USER - 1 }, (_, i) => ({
        userId: users.capped.id,
        name: `kept ${i}`,
        strategy,
      })),
    );
    expect(
      (await call(saveStrategyRoute, '/api/strategies', 'capped', straddleRequest('Last place'))).status,
    ).toBe(201);
    const refused = await call(saveStrategyRoute, '/api/strategies', 'capped', straddleRequest('One more'));
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(await listSavedStrategies(web.ctx.db, users.capped.id)).toHaveLength(
      MAX_SAVED_STRATEGIES_PER_USER,
    );
  });
});
