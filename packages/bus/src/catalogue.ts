import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ProductSchema, type Product } from '@deltastream/core/schemas';

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

const CATALOGUE_RELATIVE_PATH = join('config', 'products.json');

/**
 * The catalogue shipped with the repository, found by walking up from this module: it works from the
 * source tree (packages/bus/src) and from a tier's bundle (feed/dist) alike. Deployments that ship no
 * repository set `PRODUCT_CATALOGUE`.
 */
export function defaultCataloguePath(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, CATALOGUE_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new CatalogueError(`no ${CATALOGUE_RELATIVE_PATH} above ${from}; set PRODUCT_CATALOGUE`);
    }
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

export function loadCatalogueFile(path: string = defaultCataloguePath()): Product[] {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogueError(`cannot read product catalogue ${path}: ${(error as Error).message}`);
  }
  return parseCatalogue(document);
}
