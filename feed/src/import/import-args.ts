import { parseArgs } from 'node:util';
import type { Product } from '@deltastream/core/schemas';

export const IMPORT_USAGE =
  'usage: npm run import -w @deltastream/feed -- <file.csv> --out <recording.jsonl> [--skip-bad-rows] [--lot-size SYMBOL=UNITS ...]';

export interface ImportArgs {
  input: string;
  output: string;
  skipBadRows: boolean;
  lotSizes: Map<string, number>;
}

export type ParsedImportArgs = { ok: true; args: ImportArgs } | { ok: false; error: string };

/**
 * The import command's arguments. `--lot-size NIFTY=25` (repeatable) gives a product's lot size for a file
 * that carries none, the legacy bhavcopy, when it was not the catalogue's on the trade date.
 */
export function parseImportArgs(argv: readonly string[], products: readonly Product[]): ParsedImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'skip-bad-rows': { type: 'boolean', default: false },
        'lot-size': { type: 'string', multiple: true, default: [] },
      },
    });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) return { ok: false, error: 'name one file to import' };
  if (values.out === undefined || values.out === '') return { ok: false, error: '--out is required' };
  const symbols = new Set(products.map((product) => product.symbol));
  const lotSizes = new Map<string, number>();
  for (const entry of values['lot-size']) {
    const match = /^([^=]+)=(\d+)$/.exec(entry);
    const units = Number(match?.[2]);
    if (!match?.[1] || !(units > 0)) {
      return { ok: false, error: `--lot-size ${entry}: expected SYMBOL=UNITS, e.g. NIFTY=25` };
    }
    if (!symbols.has(match[1])) {
      return { ok: false, error: `--lot-size ${entry}: ${match[1]} is not a product imported` };
    }
    lotSizes.set(match[1], units);
  }
  return {
    ok: true,
    args: {
      input: positionals[0] as string,
      output: values.out,
      skipBadRows: values['skip-bad-rows'],
      lotSizes,
    },
  };
}
