/**
 * `ds_run_tests` (the end of `npm test`) on real vitest runs of a small suite: the summary prints after a
 * failing test too, naming it, and the status says whether anything failed.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoPath, ROOT } from '../deployment/repo-files';

// Inside the repository (test-results/ is ignored by git), so the suite resolves vitest from node_modules.
const dir = repoPath('test-results', `run-tests-${randomBytes(4).toString('hex')}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A nested vitest starts in seconds, but a loaded machine (the outer suite runs beside it) can take much longer. */
const RUN_TIMEOUT_MS = 120_000;

function runSuite(name: string, tests: string) {
  const suite = join(dir, name);
  mkdirSync(suite, { recursive: true });
  writeFileSync(join(suite, 'vitest.config.mjs'), "export default { test: { include: ['*.check.ts'] } };\n");
  writeFileSync(join(suite, 'sample.check.ts'), `import { expect, it } from 'vitest';\n${tests}`);
  // The outer vitest's variables would make the inner run behave as one of its workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const script = 'set -euo pipefail; source scripts/lib/run-tests.sh; ds_run_tests "$@"; echo "not reached"';
  const args = [relative(ROOT, join(suite, 'report.json')), '--root', relative(ROOT, suite)];
  return spawnSync('bash', ['-c', script, 'ds_run_tests', ...args], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
}

describe('ds_run_tests', () => {
  it(
    'prints the summary after a failing test, names it, and fails',
    () => {
      const run = runSuite(
        'failing',
        "it('adds', () => expect(1 + 1).toBe(2));\nit('breaks', () => expect(1 + 1).toBe(3));\n",
      );
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/failed:\n {2}deltastream: test-results\/\S+\/sample\.check\.ts › breaks\n/);
      expect(run.stdout).toContain('tests: 1 passed, 1 failed');
      expect(run.stdout).not.toContain('not reached');
    },
    RUN_TIMEOUT_MS + 5_000,
  );

  it(
    'prints the summary and succeeds when every test passes',
    () => {
      const run = runSuite('passing', "it('adds', () => expect(1 + 1).toBe(2));\n");
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('tests: 1 passed, 0 failed');
      expect(run.stdout).toContain('not reached');
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
