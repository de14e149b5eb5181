import type { ColumnIndex } from './csv-row';
import { GENERIC_LAYOUT } from './generic-layout';
import type { Layout } from './layout';
import { NSE_LEGACY_BHAVCOPY } from './nse-legacy-bhavcopy';
import { NSE_UDIFF_BHAVCOPY } from './nse-udiff-bhavcopy';

/** Every layout the import reads, told apart by their headers. */
export const LAYOUTS: readonly Layout[] = [NSE_UDIFF_BHAVCOPY, NSE_LEGACY_BHAVCOPY, GENERIC_LAYOUT];

export type DetectedLayout =
  { ok: true; layout: Layout; columns: ColumnIndex } | { ok: false; error: string };

/** The layout of a file from its header, and where the columns it reads sit (names in any case). */
export function detectLayout(header: readonly string[]): DetectedLayout {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (key !== '' && !positions.has(key)) positions.set(key, index);
  });
  const position = (column: string) => positions.get(column.toLowerCase());
  const layout = LAYOUTS.find((candidate) =>
    candidate.signature.every((column) => position(column) !== undefined),
  );
  if (!layout) {
    const known = LAYOUTS.map((l) => `${l.title} (${l.signature.join(', ')}, …)`).join('; ');
    return { ok: false, error: `the header is of none of the layouts the import reads: ${known}` };
  }
  const columns = new Map<string, number>();
  const missing: string[] = [];
  for (const column of layout.columns) {
    const index = position(column);
    if (index === undefined) missing.push(column);
    else columns.set(column, index);
  }
  if (missing.length > 0) {
    return { ok: false, error: `the header of a ${layout.title} lacks ${missing.join(', ')}` };
  }
  return { ok: true, layout, columns };
}
