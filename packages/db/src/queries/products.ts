import type { Product } from '@deltastream/core/schemas';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { products } from '../schema';

type ProductRow = typeof products.$inferSelect;

function toProduct(row: ProductRow): Product {
  return {
    symbol: row.symbol,
    name: row.name,
    exchange: row.exchange,
    currency: row.currency,
    time_zone: row.timeZone,
    base_price: row.basePrice,
    strike_step: row.strikeStep,
    strikes_each_side: row.strikesEachSide,
    lot_size: row.lotSize,
    volatility: row.volatility,
    conventions: row.conventions,
    expiry_rule: row.expiryRule,
    holidays: row.holidays,
  };
}

/**
 * Writes the catalogue: new products are inserted active, known ones get the catalogue's values and its
 * position in the list. `active` is left as it is, so seeding again does not re-enable a product an
 * operator switched off.
 */
export async function upsertProducts(db: Db, catalogue: readonly Product[]): Promise<void> {
  if (catalogue.length === 0) return;
  await db
    .insert(products)
    .values(
      catalogue.map((p, position) => ({
        symbol: p.symbol,
        cataloguePosition: position,
        name: p.name,
        exchange: p.exchange,
        currency: p.currency,
        timeZone: p.time_zone,
        basePrice: p.base_price,
        strikeStep: p.strike_step,
        strikesEachSide: p.strikes_each_side,
        lotSize: p.lot_size,
        volatility: p.volatility,
        conventions: p.conventions,
        expiryRule: p.expiry_rule,
        holidays: p.holidays,
      })),
    )
    .onConflictDoUpdate({
      target: products.symbol,
      set: {
        cataloguePosition: sql`excluded.catalogue_position`,
        name: sql`excluded.name`,
        exchange: sql`excluded.exchange`,
        currency: sql`excluded.currency`,
        timeZone: sql`excluded.time_zone`,
        basePrice: sql`excluded.base_price`,
        strikeStep: sql`excluded.strike_step`,
        strikesEachSide: sql`excluded.strikes_each_side`,
        lotSize: sql`excluded.lot_size`,
        volatility: sql`excluded.volatility`,
        conventions: sql`excluded.conventions`,
        expiryRule: sql`excluded.expiry_rule`,
        holidays: sql`excluded.holidays`,
        updatedAt: sql`now()`,
      },
    });
}

/** Products in the catalogue's order (symbol order among products seeded apart from it). */
export async function listProducts(db: Db, options: { activeOnly: boolean }): Promise<Product[]> {
  const rows = await db
    .select()
    .from(products)
    .where(options.activeOnly ? eq(products.active, true) : undefined)
    .orderBy(asc(products.cataloguePosition), asc(products.symbol));
  return rows.map(toProduct);
}

/** The product whether active or not; null when the symbol is unknown. */
export async function getProduct(db: Db, symbol: string): Promise<Product | null> {
  const [row] = await db.select().from(products).where(eq(products.symbol, symbol));
  return row ? toProduct(row) : null;
}
