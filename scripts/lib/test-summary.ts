/**
 * The closing summary of `npm test`, read from vitest's JSON report: per workspace (the package that
 * holds each test file) how many tests passed, failed and were skipped, then every failing test by name,
 * then one total line. It prints whether or not tests failed, and its exit code says which:
 * `bash scripts/test.sh` ends with it.
 * Usage: npx tsx scripts/lib/test-summary.ts test-results/vitest.json
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The part of vitest's JSON reporter output (a Jest-compatible shape) the summary reads. */
export const VitestReportSchema = z.object({
  success: z.boolean(),
  testResults: z.array(
    z.object({
      /** The test file's absolute path. */
      name: z.string(),
      status: z.string(),
      /** Why the file failed as a whole (an import error, a failing hook), empty otherwise. */
      message: z.string().default(''),
      assertionResults: z.array(
        z.object({
          fullName: z.string(),
          status: z.enum(['passed', 'failed', 'skipped', 'pending', 'todo', 'disabled']),
        }),
      ),
    }),
  ),
});
export type VitestReport = z.infer<typeof VitestReportSchema>;

export interface WorkspaceCounts {
  workspace: string;
  passed: number;
  failed: number;
  skipped: number;
}

export interface TestSummary {
  workspaces: WorkspaceCounts[];
  /** `<file> › <test>` for each failed test, and `<file> (file failed: <reason>)` for a file that could not run. */
  failures: { workspace: string; name: string }[];
  totals: Omit<WorkspaceCounts, 'workspace'>;
  /** Vitest reported failure though no test failed: an error outside every test (an unhandled rejection). */
  errorsOutsideTests: boolean;
}

/** The `name` of the nearest package.json above `file`: the workspace a test file belongs to. */
export function workspaceOf(file: string, root: string): string {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name;
    if (dir === resolve(root) || dir === dirname(dir)) return relative(root, dirname(file)) || '.';
  }
}

export function summarize(report: VitestReport, root: string): TestSummary {
  const byWorkspace = new Map<string, WorkspaceCounts>();
  const failures: TestSummary['failures'] = [];
  for (const file of report.testResults) {
    const workspace = workspaceOf(file.name, root);
    const counts = byWorkspace.get(workspace) ?? { workspace, passed: 0, failed: 0, skipped: 0 };
    byWorkspace.set(workspace, counts);
    const path = relative(root, file.name);
    for (const test of file.assertionResults) {
      if (test.status === 'passed') counts.passed += 1;
      else if (test.status === 'failed') {
        counts.failed += 1;
        failures.push({ workspace, name: `${path} › ${test.fullName}` });
      } else counts.skipped += 1;
    }
    const testFailed = file.assertionResults.some((test) => test.status === 'failed');
    if (file.status === 'failed' && !testFailed) {
      counts.failed += 1;
      const reason = file.message.split('\n')[0] || 'no test ran';
      failures.push({ workspace, name: `${path} (file failed: ${reason})` });
    }
  }
  const workspaces = [...byWorkspace.values()].sort((a, b) => a.workspace.localeCompare(b.workspace));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const counts of workspaces) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  return { workspaces, failures, totals, errorsOutsideTests: !report.success && totals.failed === 0 };
}

const countsText = ({ passed, failed, skipped }: Omit<WorkspaceCounts, 'workspace'>) =>
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

export function formatSummary(summary: TestSummary): string {
  const width = Math.max(0, ...summary.workspaces.map((counts) => counts.workspace.length));
  const lines = ['test summary by workspace:'];
  for (const counts of summary.workspaces)
    lines.push(`  ${counts.workspace.padEnd(width)}  ${countsText(counts)}`);
  if (summary.failures.length > 0) {
    lines.push('failed:');
    for (const failure of summary.failures) lines.push(`  ${failure.workspace}: ${failure.name}`);
  }
  if (summary.errorsOutsideTests) lines.push('vitest reported errors outside any test: see its output above');
  lines.push(`tests: ${countsText(summary.totals)}`);
  return lines.join('\n');
}

/** 0 only when tests ran and none failed, nor anything around them. */
export function exitCode(summary: TestSummary): number {
  const ran = summary.totals.passed + summary.totals.failed > 0;
  return ran && summary.totals.failed === 0 && !summary.errorsOutsideTests ? 0 : 1;
}

/** Reads the report at `reportPath`, prints the summary and returns the exit code. */
export function printSummary(reportPath: string, root: string, print: (text: string) => void): number {
  if (!existsSync(reportPath)) {
    print(`tests: no report at ${reportPath}: vitest stopped before writing it (see its output above)`);
    return 1;
  }
  const summary = summarize(VitestReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8'))), root);
  print(formatSummary(summary));
  return exitCode(summary);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [reportPath] = process.argv.slice(2);
  if (reportPath === undefined) {
    console.error('usage: test-summary.ts <vitest JSON report>');
    process.exit(2);
  }
  process.exit(printSummary(reportPath, process.cwd(), (text) => console.log(text)));
}
