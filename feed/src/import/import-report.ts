import { formatRowError } from './csv-row';
import type { ImportFileResult } from './import-file';

const counts = (byKey: Record<string, number>) =>
  Object.entries(byKey)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

/** What the import command prints: what was read and skipped, the errors, what was written. */
export function describeImport(result: ImportFileResult, output: string): string[] {
  const { summary, failure, durationMs } = result;
  const lines: string[] = [];
  if (summary.layout !== undefined) {
    lines.push(
      `${summary.layout}: ${summary.rows} rows, ${summary.options} options and ${summary.futures} futures of the products imported, read in ${Math.round(durationMs)} ms`,
    );
  }
  if (Object.keys(summary.notListed).length > 0) {
    lines.push(`skipped, not a product imported: ${counts(summary.notListed)}`);
  }
  if (Object.keys(summary.otherInstruments).length > 0) {
    lines.push(`skipped, neither an option nor a future: ${counts(summary.otherInstruments)}`);
  }
  for (const [symbol, sizes] of Object.entries(summary.lotSizesUnlikeCatalogue)) {
    lines.push(
      `${symbol}: lots of ${sizes.file.join(', ')} in the file, ${sizes.catalogue} in the catalogue (open interest counts the file's lots; amounts in currency use the catalogue's)`,
    );
  }
  if (summary.errorCount > 0) {
    lines.push(`${summary.errorCount} error${summary.errorCount === 1 ? '' : 's'}:`);
    lines.push(...summary.errors.map((error) => `  ${formatRowError(error)}`));
    const unlisted = summary.errorCount - summary.errors.length;
    if (unlisted > 0) lines.push(`  … and ${unlisted} more`);
  }
  lines.push(
    failure === undefined
      ? `wrote ${summary.ticks} ticks and ${summary.chains} chains to ${output}; replay it: FEED_MODE=replay FEED_REPLAY_FILE=${output} FEED_REPLAY_SPEED=0`
      : `nothing written: ${failure}${summary.errorCount > 0 && summary.layout !== undefined ? ' (--skip-bad-rows imports the rows that read)' : ''}`,
  );
  return lines;
}
