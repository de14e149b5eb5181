import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath, ROOT } from '../deployment/repo-files';
import {
  exitCode,
  formatSummary,
  printSummary,
  summarize,
  type TestSummary,
  type VitestReport,
} from './test-summary';

type FileResult = VitestReport['testResults'][number];
const file = (path: string, tests: [string, string][], extra: Partial<FileResult> = {}): FileResult => ({
  name: repoPath(path),
  status: tests.some(([, status]) => status === 'failed') ? 'failed' : 'passed',
  message: '',
  assertionResults: tests.map(([fullName, status]) => ({
    fullName,
    status: status as FileResult['assertionResults'][number]['status'],
  })),
  ...extra,
});

const passing: VitestReport = {
  success: true,
  testResults: [
    file('packages/bus/src/job-id.test.ts', [
      ['job ids builds ids', 'passed'],
      ['job ids refuses colons', 'passed'],
    ]),
    file('worker/src/app.int.test.ts', [
      ['worker app stores a chain', 'passed'],
      ['worker app later', 'skipped'],
      ['worker app someday', 'todo'],
    ]),
  ],
};

const failing: VitestReport = {
  success: false,
  testResults: [
    ...passing.testResults,
    file('feed/src/replay.test.ts', [
      ['replay keeps the recorded order', 'failed'],
      ['replay skips bad lines', 'passed'],
    ]),
    file('realtime/src/app.int.test.ts', [], {
      status: 'failed',
      message: 'Error: connect ECONNREFUSED 127.0.0.1:6379\n    at stack',
    }),
  ],
};

/** The summary's exit code, and the lines it prints under its heading. */
function expectPrinted(summary: TestSummary, code: number, lines: string[]): void {
  expect(exitCode(summary)).toBe(code);
  expect(formatSummary(summary)).toBe(['test summary by workspace:', ...lines].join('\n'));
}

describe('the test summary', () => {
  it('counts passed, failed and skipped tests per workspace, and passes when none failed', () => {
    const summary = summarize(passing, ROOT);
    expect(summary.workspaces).toEqual([
      { workspace: '@deltastream/bus', passed: 2, failed: 0, skipped: 0 },
      { workspace: '@deltastream/worker', passed: 1, failed: 0, skipped: 2 },
    ]);
    expect(summary.failures).toEqual([]);
    expectPrinted(summary, 0, [
      '  @deltastream/bus     2 passed, 0 failed',
      '  @deltastream/worker  1 passed, 0 failed, 2 skipped',
      'tests: 3 passed, 0 failed, 2 skipped',
    ]);
  });

  it('names every failing test and every file that could not run, and fails', () => {
    const summary = summarize(failing, ROOT);
    expect(summary.totals).toEqual({ passed: 4, failed: 2, skipped: 2 });
    expectPrinted(summary, 1, [
      '  @deltastream/bus       2 passed, 0 failed',
      '  @deltastream/feed      1 passed, 1 failed',
      '  @deltastream/realtime  0 passed, 1 failed',
      '  @deltastream/worker    1 passed, 0 failed, 2 skipped',
      'failed:',
      '  @deltastream/feed: feed/src/replay.test.ts › replay keeps the recorded order',
      '  @deltastream/realtime: realtime/src/app.int.test.ts (file failed: Error: connect ECONNREFUSED 127.0.0.1:6379)',
      'tests: 4 passed, 2 failed, 2 skipped',
    ]);
  });

  it('fails when vitest failed outside every test, or when no test ran', () => {
    const outside = summarize({ ...passing, success: false }, ROOT);
    expect(formatSummary(outside)).toContain('vitest reported errors outside any test');
    expect(exitCode(outside)).toBe(1);
    expect(exitCode(summarize({ success: true, testResults: [] }, ROOT))).toBe(1);
  });

  it('reads the report from a file, and fails when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'test-summary-'));
    const report = join(dir, 'vitest.json');
    writeFileSync(report, JSON.stringify({ ...failing, numTotalTests: 8, startTime: 0 }));
    const printed: string[] = [];
    expect(printSummary(report, ROOT, (text) => printed.push(text))).toBe(1);
    expect(printed.join('\n')).toContain('tests: 4 passed, 2 failed, 2 skipped');
    expect(printSummary(join(dir, 'missing.json'), ROOT, (text) => printed.push(text))).toBe(1);
    expect(printed.at(-1)).toMatch(/^tests: no report at .*missing\.json/);
  });
});
