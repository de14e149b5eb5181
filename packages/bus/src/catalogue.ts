import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ProductSchema, type Product } from '@deltastream/core/schemas';

/** The catalogue shipped with the repository; `PRODUCT_CATALOGUE` may point elsewhere. */
export const DEFAULT_CATALOGUE_PATH = fileURLToPath(
  new URL('../../../config/products.json', import.meta.url),
);

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

const CatalogueFileSchema = z.object({ products: z.array(z.unknown()).min(1) });

/**
 * Validates a catalogue document. Errors name the entry (by symbol when it has one) and the field,
 * e.g. `products[3] (SENSEX).expiry_rule.weekday: Invalid option`.
 */
export function parseCatalogue(document: unknown): Product[] {
  const file = CatalogueFileSchema.safeParse(document);
  if (!file.success)
    throw new CatalogueError(`catalogue: ${file.error.issues.map((i) => i.message).join('; ')}`);
  const problems: string[] = [];
  const products: Product[] = [];
  const seen = new Set<string>();
  file.data.products.forEach((entry, index) => {
    const symbol = (entry as { symbol?: unknown } | null)?.symbol;
    const label = `products[${index}]${typeof symbol === 'string' ? ` (${symbol})` : ''}`;
    const parsed = ProductSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}.${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.symbol)) problems.push(`${label}: duplicate symbol ${parsed.data.symbol}`);
    seen.add(parsed.data.symbol);
    products.push(parsed.data);
  });
  if (problems.length > 0) throw new CatalogueError(`invalid product catalogue:\n  ${problems.join('\n  ')}`);
  return products;
}

export function loadCatalogueFile(path: string = DEFAULT_CATALOGUE_PATH): Product[] {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogueError(`cannot read product catalogue ${path}: ${(error as Error).message}`);
  }
  return parseCatalogue(document);
}
