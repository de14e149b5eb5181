import type { AlertCondition } from '@deltastream/core/alerts';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain, OptionChain, Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { createUser, insertAlerts } from '@deltastream/db/queries';
import { createRandom } from '@deltastream/simulator/random';

const USERS = 100;
const INSERT_BATCH = 1_000;

/**
 * How far from the market a book's alerts sit. `typical`: levels 3–25% away, OI-change thresholds of
 * 2,000–20,000 contracts, max-pain shifts of 3–8 strikes, 1% already holding: a desk's book, where most
 * alerts wait and a few fire. `stress`: levels 1–10% away, OI-change thresholds of 1–500 contracts,
 * shifts of 1–4 strikes, 10% already holding: about half the alerts fire during a drain, each firing a
 * conditional write, which measures the cost of firing rather than of evaluating.
 */
export const ALERT_BOOKS = {
  typical: { away: [0.03, 0.25], oiContracts: [2_000, 20_000], shiftStrikes: [3, 8], holdingShare: 0.01 },
  stress: { away: [0.01, 0.1], oiContracts: [1, 500], shiftStrikes: [1, 4], holdingShare: 0.1 },
} as const;
export type AlertBook = keyof typeof ALERT_BOOKS;

/**
 * `count` active alerts over every product and metric, owned by 100 users: a sixth each of spot, PCR,
 * ATM IV, IV rank, max-pain shift and OI change; half without an expiry (the nearest), half on one of
 * the product's expiries. Levels sit the `book`'s distance from the value of the product's first chain
 * (its first tick's price for spot), on the side not yet reached, except for the share that already
 * holds and fires on its first evaluation.
 */
export async function seedAlerts(
  db: Db,
  products: readonly Product[],
  chains: readonly OptionChain[],
  count: number,
  book: AlertBook,
): Promise<void> {
  const {
    away: [nearest, farthest],
    oiContracts,
    shiftStrikes,
    holdingShare,
  } = ALERT_BOOKS[book];
  // Seeded, so every run seeds the same alerts.
  const next = createRandom(42).uniform;
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
    const holds = next() < holdingShare;
    const direction = next() < 0.5 ? ('above' as const) : ('below' as const);
    /** A level the book's distance from `value`: beyond it on the alert's side, or passed when `holds`. */
    const levelFrom = (value: number) => {
      const away = nearest + (farthest - nearest) * next();
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
      condition = {
        metric: 'max_pain_shift',
        strikes: shiftStrikes[0] + Math.floor((shiftStrikes[1] - shiftStrikes[0] + 1) * next()),
      };
    } else {
      const quote = pick(chain.puts);
      condition = {
        metric: 'oi_change',
        strike: quote.strike,
        option_type: next() < 0.5 ? 'CALL' : 'PUT',
        direction,
        level: Math.round(
          (direction === 'above' ? 1 : -1) *
            (holds ? -1 : 1) *
            (oiContracts[0] + (oiContracts[1] - oiContracts[0]) * next()),
        ),
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
