import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import {
  OptionChainSchema,
  UnderlyingTickSchema,
  type OptionChain,
  type UnderlyingTick,
} from '@deltastream/core/schemas';

/**
 * Recorded sessions are JSON lines, one message per line in emission order:
 *   {"kind":"tick", ...UnderlyingTick}   {"kind":"chain", ...OptionChain}
 * Each line is validated with the core wire schemas on the way back in.
 */
export type RecordedMessage = { kind: 'tick'; tick: UnderlyingTick } | { kind: 'chain'; chain: OptionChain };

export type ParsedLine = { ok: true; message: RecordedMessage } | { ok: false; error: string };

export function formatRecordLines(ticks: readonly UnderlyingTick[], chains: readonly OptionChain[]): string {
  let text = '';
  for (const tick of ticks) text += `${JSON.stringify({ kind: 'tick', ...tick })}\n`;
  for (const chain of chains) text += `${JSON.stringify({ kind: 'chain', ...chain })}\n`;
  return text;
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses one line of a recording; the error says what is wrong without the line number. */
export function parseRecordLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'not a JSON object' };
  }
  const { kind, ...body } = value as Record<string, unknown>;
  if (kind === 'tick') {
    const parsed = UnderlyingTickSchema.safeParse(body);
    return parsed.success
      ? { ok: true, message: { kind, tick: parsed.data } }
      : { ok: false, error: `invalid tick: ${describeIssues(parsed.error.issues)}` };
  }
  if (kind === 'chain') {
    const parsed = OptionChainSchema.safeParse(body);
    return parsed.success
      ? { ok: true, message: { kind, chain: parsed.data } }
      : { ok: false, error: `invalid chain: ${describeIssues(parsed.error.issues)}` };
  }
  return { ok: false, error: `kind must be "tick" or "chain", got ${JSON.stringify(kind) ?? 'nothing'}` };
}

export type RecordingEntry = { lineNumber: number } & ParsedLine;

/** The non-blank lines of a recording file, parsed, with their 1-based line numbers. */
export async function* readRecording(path: string): AsyncGenerator<RecordingEntry> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    yield { lineNumber, ...parseRecordLine(line) };
  }
}

export interface Recorder {
  append(ticks: readonly UnderlyingTick[], chains: readonly OptionChain[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Appends to `path` (created if missing), so successive sessions add to one recording. Resolves once
 * the file is open, so a path that cannot be written stops start-up rather than the first step.
 */
export async function openRecorder(path: string): Promise<Recorder> {
  const stream = createWriteStream(path, { flags: 'a', encoding: 'utf8' });
  await once(stream, 'open');
  return {
    async append(ticks, chains) {
      const text = formatRecordLines(ticks, chains);
      if (text !== '' && !stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
    },
  };
}
