import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPTS = fileURLToPath(new URL('.', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'ds-services-'));
cpSync(SCRIPTS, join(root, 'scripts'), { recursive: true, filter: (path) => !path.includes('node_modules') });

/** Runs services.sh in `root` as if nothing answered on 6379/5432, and reports what it chose. */
function ensureServices(): string {
  return execFileSync(
    'bash',
    [
      '-c',
      `source scripts/lib/services.sh
       ds_port_open() { case "$2" in 6379|5432) return 1;; *) (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null;; esac; }
       ds_ensure_services >/dev/null 2>&1 || exit 1
       echo "$REDIS_URL $DATABASE_URL"
       redis-cli -u "$REDIS_URL" config get maxmemory-policy | tail -n 1
       psql "\${DATABASE_URL%/*}/postgres" -Atc 'select 1'`,
    ],
    { cwd: root, env: { ...process.env, DS_ROOT: root, REDIS_URL: '', DATABASE_URL: '' }, encoding: 'utf8' },
  );
}

afterAll(() => {
  execFileSync('bash', ['scripts/stop-services.sh'], { cwd: root, stdio: 'ignore' });
  const pathFile = join(root, '.data', 'postgres.path');
  // As root the cluster lives outside the checkout (see services.sh); remove it as well.
  if (existsSync(pathFile))
    rmSync(dirname(readFileSync(pathFile, 'utf8').trim()), { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

describe('service bootstrap of the start and test commands', () => {
  it('starts private Redis (noeviction) and PostgreSQL when none answers on the default ports, then reuses them', () => {
    const first = ensureServices().trim().split('\n');
    expect(first[0]).toBe('redis://127.0.0.1:6390 postgres://postgres@127.0.0.1:5440/deltastream');
    expect(first[1]).toBe('noeviction');
    expect(first[2]).toBe('1');
    expect(ensureServices().trim().split('\n')[0]).toBe(first[0]);
  }, 60_000);
});
