import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { formatRecordLines } from '../recording';
import { createOptionFileImporter, type ImportOptions, type ImportSummary } from './option-file-import';
import type { SnapshotMessages } from './snapshot-assembly';

export interface ImportFileOptions extends ImportOptions {
  input: string;
  /** The recording to write (replaced when it exists). */
  output: string;
  /** Import the rows that read and report the others, instead of importing nothing. */
  skipBadRows?: boolean;
}

export interface ImportFileResult {
  summary: ImportSummary;
  /** Why nothing was written; undefined when the recording was. */
  failure: string | undefined;
  durationMs: number;
}

/**
 * Why a summary's file must not be replayed: a header of no known layout, errors (unless bad rows are
 * skipped), or nothing to import.
 */
export function importFailure(summary: ImportSummary, skipBadRows: boolean): string | undefined {
  if (summary.layout === undefined) return 'the file is of no layout the import reads';
  if (summary.errorCount > 0 && !skipBadRows) {
    return `${summary.errorCount} error${summary.errorCount === 1 ? '' : 's'}, so nothing was imported`;
  }
  if (summary.chains === 0) return 'the file has no option of the products imported';
  return undefined;
}

/**
 * Imports an option file (option-file-import.ts) into a recording the replay reads (recording.ts),
 * streaming: a line is read, and a completed snapshot written, before the next line is read. The recording
 * is written beside `output` and renamed into place only when the import succeeds, so a failed import
 * leaves no partial recording to replay.
 */
export async function importOptionFile({
  input,
  output,
  skipBadRows = false,
  ...options
}: ImportFileOptions): Promise<ImportFileResult> {
  const startedMs = performance.now();
  const importer = createOptionFileImporter(options);
  const partial = `${output}.${process.pid}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  try {
    await once(out, 'open');
    const write = async ({ ticks, chains }: SnapshotMessages) => {
      const text = formatRecordLines(ticks, chains);
      if (text !== '' && !out.write(text)) await once(out, 'drain');
    };
    const lines = createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      await write(importer.line(line, lineNumber));
    }
    await write(importer.end());
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  const summary = importer.summary();
  const failure = importFailure(summary, skipBadRows);
  if (failure === undefined) await rename(partial, output);
  else await rm(partial, { force: true });
  return { summary, failure, durationMs: performance.now() - startedMs };
}
