import type { Product } from '@deltastream/core/schemas';
import { listProducts } from '@deltastream/db/queries';
import type { WebContext } from './context';
import { AppError } from './errors';

/**
 * How long a process trusts its copy of the products table. Every market request checks its product, so
 * reading the table each time would put PostgreSQL on the hot path; a product added or switched off is
 * seen within this time.
 */
export const PRODUCT_CACHE_TTL_MS = 30_000;

interface Catalogue {
  bySymbol: ReadonlyMap<string, Product>;
  /** Active products in the catalogue's order: what `/api/data/products` lists. */
  active: readonly Product[];
}

// Keyed by context so a test that closes and recreates the context starts from its own database.
const cached = new WeakMap<WebContext, { loadedAtMs: number; catalogue: Promise<Catalogue> }>();

async function loadCatalogue(ctx: WebContext): Promise<Catalogue> {
  const [all, active] = await Promise.all([
    listProducts(ctx.db, { activeOnly: false }),
    listProducts(ctx.db, { activeOnly: true }),
  ]);
  return { bySymbol: new Map(all.map((product) => [product.symbol, product])), active };
}

/** The products table as of at most PRODUCT_CACHE_TTL_MS ago; concurrent callers share one load. */
function catalogue(ctx: WebContext): Promise<Catalogue> {
  const entry = cached.get(ctx);
  if (entry && Date.now() - entry.loadedAtMs < PRODUCT_CACHE_TTL_MS) return entry.catalogue;
  const loading = loadCatalogue(ctx);
  cached.set(ctx, { loadedAtMs: Date.now(), catalogue: loading });
  // A failed load must not be served for the next 30 s.
  loading.catch(() => {
    if (cached.get(ctx)?.catalogue === loading) cached.delete(ctx);
  });
  return loading;
}

export async function listActiveProducts(ctx: WebContext): Promise<readonly Product[]> {
  return (await catalogue(ctx)).active;
}

/** The product, active or not (its history stays readable); 404 naming `product` when the symbol is unknown. */
export async function requireProduct(ctx: WebContext, symbol: string): Promise<Product> {
  const product = (await catalogue(ctx)).bySymbol.get(symbol);
  if (!product) throw new AppError('NOT_FOUND', `unknown product ${symbol}`, { field: 'product' });
  return product;
}
