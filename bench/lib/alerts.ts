import type { AlertCondition } from '@deltastream/core/alerts';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain, OptionChain, Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { createUser, insertAlerts } from '@deltastream/db/queries';

const USERS = 100;
const INSERT_BATCH = 1_000;
/** The share of alerts whose condition already holds when created, so they fire on first evaluation. */
const HOLDING_SHARE = 0.1;

/** A deterministic generator (mulberry32), so every run seeds the same alerts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` active alerts over every product and metric, owned by 100 users: a sixth each of spot, PCR,
 * ATM IV, IV rank, max-pain shift and OI change; half without an expiry (the nearest), half on one of
 * the product's expiries. Levels sit 1–10% from the value of the product's first chain (its first tick's
 * price for spot), on the side not yet reached, except for a tenth that already holds and fires on its
 * first evaluation: a realistic book with a burst of firings at the start.
 */
export async function seedAlerts(
  db: Db,
  products: readonly Product[],
  chains: readonly OptionChain[],
  count: number,
): Promise<void> {
  const next = random(42);
  const users: string[] = [];
  for (let i = 0; i < USERS; i += 1) {
    const user = await createUser(db, { email: `bench-${i}@example.com`, passwordHash: 'x', name: 'Bench' });
    users.push(user!.id);
  }
  // The first chain of each (product, expiry), enriched, gives each metric's starting value.
  const firsts = new Map<string, EnrichedChain[]>();
  for (const chain of chains) {
    const list = firsts.get(chain.product) ?? [];
    if (list.some((c) => c.expiry === chain.expiry)) continue;
    const product = products.find((p) => p.symbol === chain.product)!;
    list.push(enrichChain(chain, product, NO_CHANGE_BASES, chain.timestamp));
    firsts.set(chain.product, list);
  }
  const symbols = [...firsts.keys()];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

  const rows = [];
  for (let i = 0; i < count; i += 1) {
    const symbol = symbols[i % symbols.length]!;
    const expiries = firsts.get(symbol)!;
    // An alert without an expiry follows the nearest one: its level is set from that chain.
    const followsNearest = next() < 0.5;
    const chain = followsNearest ? expiries.reduce((a, b) => (b.expiry < a.expiry ? b : a)) : pick(expiries);
    const holds = next() < HOLDING_SHARE;
    const direction = next() < 0.5 ? ('above' as const) : ('below' as const);
    /** A level 1–10% away from `value`: beyond it on the alert's side, or already passed when `holds`. */
    const levelFrom = (value: number) => {
      const away = 0.01 + 0.09 * next();
      const beyond = (direction === 'above') !== holds ? 1 + away : 1 - away;
      return value * beyond;
    };
    const metric = i % 6;
    let condition: AlertCondition;
    if (metric === 0) {
      condition = { metric: 'spot', direction, level: Math.round(levelFrom(chain.spot_price) * 100) / 100 };
    } else if (metric === 1) {
      condition = { metric: 'pcr_oi', direction, level: levelFrom(chain.pcr_oi ?? 1) };
    } else if (metric === 2) {
      condition = { metric: 'atm_iv', direction, level: levelFrom(chain.atm_iv ?? 0.2) };
    } else if (metric === 3) {
      condition = { metric: 'iv_rank', direction, level: Math.round(100 * next()) };
    } else if (metric === 4) {
      condition = { metric: 'max_pain_shift', strikes: 1 + Math.floor(4 * next()) };
    } else {
      const quote = pick(chain.puts);
      condition = {
        metric: 'oi_change',
        strike: quote.strike,
        option_type: next() < 0.5 ? 'CALL' : 'PUT',
        direction,
        level: Math.round((direction === 'above' ? 1 : -1) * (holds ? -1 : 1) * (1 + 500 * next())),
      };
    }
    rows.push({
      userId: users[i % USERS]!,
      product: symbol,
      expiry: condition.metric === 'spot' || followsNearest ? null : chain.expiry,
      condition,
    });
  }
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await insertAlerts(db, rows.slice(i, i + INSERT_BATCH));
}
