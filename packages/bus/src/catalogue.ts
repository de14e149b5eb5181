import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ExchangeCalendarIdSchema,
  ExchangeCalendarSchema,
  ProductSchema,
  type ExchangeCalendar,
  type Product,
} from '@deltastream/core/schemas';

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

/** The one catalogue field that is not a product field: the id of the product's exchange calendar. */
const CalendarReferenceSchema = z.object({ calendar: ExchangeCalendarIdSchema.optional() });

/** Exchange calendars live beside the catalogue: `<catalogue folder>/calendars/<id>.json`. */
export function calendarPath(cataloguePath: string, id: string): string {
  return join(dirname(cataloguePath), 'calendars', `${id}.json`);
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogueError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** Reads and validates one exchange calendar file; its id must be its file name. */
export function loadExchangeCalendar(path: string): ExchangeCalendar {
  const parsed = ExchangeCalendarSchema.safeParse(readJson(path, 'exchange calendar'));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CatalogueError(`invalid exchange calendar ${path}:\n  ${problems.join('\n  ')}`);
  }
  if (`${parsed.data.id}.json` !== basename(path))
    throw new CatalogueError(
      `exchange calendar ${path} has the id "${parsed.data.id}": name the file after it`,
    );
  return parsed.data;
}

/**
 * Validates a catalogue document. An entry names its exchange calendar (`"calendar": "nse"`); the product's
 * `holidays` are that calendar's dates plus any the entry lists itself. `calendars` holds the calendars
 * the entries name. Errors name the entry (by symbol when it has one) and the field, e.g.
 * `products[3] (SENSEX).expiry_rule.weekday: Invalid option`.
 */
export function parseCatalogue(
  document: unknown,
  calendars: ReadonlyMap<string, ExchangeCalendar> = new Map(),
): Product[] {
  const file = CatalogueFileSchema.safeParse(document);
  if (!file.success)
    throw new CatalogueError(`catalogue: ${file.error.issues.map((i) => i.message).join('; ')}`);
  const problems: string[] = [];
  const products: Product[] = [];
  const seen = new Set<string>();
  file.data.products.forEach((entry, index) => {
    const symbol = (entry as { symbol?: unknown } | null)?.symbol;
    const label = `products[${index}]${typeof symbol === 'string' ? ` (${symbol})` : ''}`;
    const reference = CalendarReferenceSchema.safeParse(entry);
    if (!reference.success) {
      for (const issue of reference.error.issues) problems.push(`${label}.calendar: ${issue.message}`);
      return;
    }
    const calendarId = reference.data.calendar;
    const calendar = calendarId === undefined ? undefined : calendars.get(calendarId);
    if (calendarId !== undefined && !calendar) {
      problems.push(
        `${label}.calendar: no exchange calendar "${calendarId}" (calendars/${calendarId}.json beside the catalogue)`,
      );
      return;
    }
    const parsed = ProductSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}.${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.symbol)) problems.push(`${label}: duplicate symbol ${parsed.data.symbol}`);
    seen.add(parsed.data.symbol);
    const holidays = new Set([...(calendar?.holidays.map((h) => h.date) ?? []), ...parsed.data.holidays]);
    products.push({ ...parsed.data, holidays: [...holidays].sort() });
  });
  if (problems.length > 0) throw new CatalogueError(`invalid product catalogue:\n  ${problems.join('\n  ')}`);
  return products;
}

/** Reads the catalogue at `path` and the exchange calendars its entries name (see calendarPath). */
export function loadCatalogueFile(path: string = defaultCataloguePath()): Product[] {
  const document = readJson(path, 'product catalogue');
  const calendars = new Map<string, ExchangeCalendar>();
  const entries = CatalogueFileSchema.safeParse(document).data?.products ?? [];
  for (const entry of entries) {
    const id = CalendarReferenceSchema.safeParse(entry).data?.calendar;
    if (id !== undefined && !calendars.has(id) && existsSync(calendarPath(path, id)))
      calendars.set(id, loadExchangeCalendar(calendarPath(path, id)));
  }
  return parseCatalogue(document, calendars);
}
