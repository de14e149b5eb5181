import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import type { Product } from '@deltastream/core/schemas';
import { createOptionFileImporter, type ImportOptions, type ImportSummary } from './option-file-import';
import type { SnapshotMessages } from './snapshot-assembly';

/** The sample files of each layout, in feed/fixtures/ (hand-made, in the real layouts). */
export const IMPORT_FIXTURES = {
  udiff: fileURLToPath(new URL('../../fixtures/BhavCopy_NSE_FO_0_0_0_20261127_F_0000.csv', import.meta.url)),
  legacy: fileURLToPath(new URL('../../fixtures/fo05JUL2024bhav.csv', import.meta.url)),
  generic: fileURLToPath(new URL('../../fixtures/option-chain-generic.csv', import.meta.url)),
  badRows: fileURLToPath(new URL('../../fixtures/bhavcopy-bad-rows.csv', import.meta.url)),
} as const;

export const catalogue: Product[] = loadCatalogueFile();

/** The feed's default rates: a tick every 500 ms, a chain a second. */
export const DEFAULT_RATES = { ticksPerSecond: 2, chainIntervalMs: 1000 };

export const fixtureText = (file: string) => readFileSync(file, 'utf8');

/** Imports a whole text in memory, as import-file.ts does line by line, for the unit tests. */
export function importText(
  text: string,
  options: Partial<ImportOptions> = {},
): SnapshotMessages & { summary: ImportSummary } {
  const importer = createOptionFileImporter({ products: catalogue, rates: DEFAULT_RATES, ...options });
  const out: SnapshotMessages = { ticks: [], chains: [] };
  const collect = ({ ticks, chains }: SnapshotMessages) => {
    out.ticks.push(...ticks);
    out.chains.push(...chains);
  };
  text.split('\n').forEach((line, index) => collect(importer.line(line, index + 1)));
  collect(importer.end());
  return { ...out, summary: importer.summary() };
}
