/**
 * The tiers' Dockerfiles: lint-clean (dockerfilelint), multi-stage, production dependencies only in the
 * runtime stage, a non-root numeric USER, a HEALTHCHECK on the tier's own health endpoint and port, and
 * sources that exist. The root .dockerignore keeps secrets and local builds out of the context.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  copySources,
  copySourceStage,
  parseDockerfile,
  readRepoFile,
  repoPath,
  workspaceFolders,
  type DockerStage,
} from './repo-files';
import { PROCESSES, type Deployable } from './tier-variables';

interface Lint {
  run(configPath: string, content: string): { line: number; rule: string; title: string }[];
}
const dockerfilelint = createRequire(import.meta.url)('dockerfilelint') as Lint;

/** Each image: its health endpoint, the port variable and the port the code defaults to. */
const IMAGES = [
  { tier: 'feed', path: '/health', portVariable: 'FEED_PORT' },
  { tier: 'worker', path: '/health', portVariable: 'WORKER_PORT' },
  { tier: 'realtime', path: '/health', portVariable: 'REALTIME_PORT' },
  { tier: 'web', path: '/health', portVariable: 'PORT' },
] as const;

/** The port a tier listens on when its variable is unset: read from its env schema (web: Next's 3000). */
function defaultPort(tier: Deployable, variable: string): number {
  if (tier === 'web') return 3000;
  const parsed = PROCESSES[tier].schema.parse({}) as Record<string, unknown>;
  return Number(parsed[variable]);
}

const runtimeOf = (stages: DockerStage[]) => stages.at(-1) as DockerStage;
const stageRuns = (stage: DockerStage, pattern: RegExp) =>
  stage.instructions.some((instruction) => instruction.keyword === 'RUN' && pattern.test(instruction.args));

describe.each(IMAGES)('$tier/Dockerfile', ({ tier, path, portVariable }) => {
  const file = PROCESSES[tier].dockerfile;
  const text = readRepoFile(file);
  const stages = parseDockerfile(text);
  const runtime = runtimeOf(stages);
  const final = (keyword: string) =>
    runtime.instructions.filter((instruction) => instruction.keyword === keyword);

  it('passes dockerfilelint', () => {
    expect(dockerfilelint.run(repoPath(), text)).toEqual([]);
  });

  it('builds in stages from a pinned Node image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const stage of stages) expect(stage.from).toMatch(/^node:\d+[\w.-]*$/);
    // Native addons (@node-rs/argon2) are installed for the build stage's libc: one base for all stages.
    expect(new Set(stages.map((stage) => stage.from)).size).toBe(1);
  });

  it('runs as a numeric non-root user', () => {
    const user = final('USER').at(-1)?.args ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it(`health-checks ${path} on the tier's port with node (no curl in slim images)`, () => {
    const [healthcheck, ...more] = final('HEALTHCHECK');
    expect(more).toEqual([]);
    const command = healthcheck?.args ?? '';
    expect(command).toMatch(/CMD \["node", "-e", /);
    expect(command).toContain(`process.env.${portVariable} || ${defaultPort(tier, portVariable)}`);
    expect(command).toContain(`'${path}'`);
    expect(final('EXPOSE').map((instruction) => instruction.args)).toEqual([
      String(defaultPort(tier, portVariable)),
    ]);
  });

  it('ships production dependencies only', () => {
    const byName = new Map(stages.map((stage) => [stage.name, stage]));
    for (const copy of final('COPY')) {
      const from = copySourceStage(copy);
      if (from === undefined) continue;
      const source = byName.get(from);
      expect(source, `COPY --from=${from}`).toBeDefined();
      const nodeModules = copySources(copy).some((src) => src.includes('node_modules'));
      // node_modules may only come from a stage that installed with --omit=dev.
      if (nodeModules && source)
        expect(stageRuns(source, /npm ci\b.*--omit=dev/), `node_modules from ${from}`).toBe(true);
    }
    expect(stageRuns(runtime, /npm (ci|install)/)).toBe(false);
    expect(
      final('ENV')
        .map((instruction) => instruction.args)
        .join(' '),
    ).toMatch(/NODE_ENV=production/);
  });

  it('copies every workspace manifest, so npm ci sees the whole workspace tree', () => {
    const copied = stages.flatMap((stage) =>
      stage.instructions.filter((i) => i.keyword === 'COPY' && !copySourceStage(i)).flatMap(copySources),
    );
    for (const folder of workspaceFolders()) expect(copied).toContain(`${folder}/package.json`);
    expect(copied).toContain('package-lock.json');
  });

  it('copies only files that exist', () => {
    for (const stage of stages) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' && !copySourceStage(i))) {
        for (const source of copySources(copy))
          expect(existsSync(repoPath(source)), `${file}:${copy.line} ${source}`).toBe(true);
      }
    }
  });

  it('carries the exchange calendars wherever it carries the product catalogue that names them', () => {
    const copies = final('COPY').map((i) => i.args);
    if (copies.includes('config/products.json config/'))
      expect(copies).toContain('config/calendars config/calendars/');
  });

  it('starts the built server', () => {
    const cmd = final('CMD').at(-1)?.args ?? '';
    expect(cmd).toMatch(tier === 'web' ? /"web\/server\.js"\]$/ : /"dist\/main\.js"\]$/);
    expect(
      stages.some((stage) => stageRuns(stage, new RegExp(`npm run build -w @deltastream/${tier}\\b`))),
    ).toBe(true);
  });
});

describe('web/Dockerfile as the market API image', () => {
  const runtime = runtimeOf(parseDockerfile(readRepoFile('web/Dockerfile')));

  it('carries the market API bundle its build produces, beside production dependencies', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=build /app/web/dist web/dist/');
    expect(copies).toContain('--from=prod-deps /app/node_modules node_modules/');
    expect(JSON.parse(readRepoFile('web/package.json')).scripts.build).toMatch(
      /build-node-tier\.mjs src\/market-api\/main\.ts/,
    );
  });
});

describe('worker/Dockerfile as the migration image', () => {
  const stages = parseDockerfile(readRepoFile('worker/Dockerfile'));
  const runtime = runtimeOf(stages);

  it('carries the bundled database preparation, the SQL migrations and where to find them', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=build /app/scripts/dist scripts/dist/');
    expect(copies).toContain('packages/db/migrations packages/db/migrations/');
    expect(copies).toContain('config/products.json config/');
    expect(copies).toContain('config/calendars config/calendars/');
    const env = runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env).toContain('MIGRATIONS_FOLDER=/app/packages/db/migrations');
    expect(stages.some((stage) => stageRuns(stage, /npm run build .*-w @deltastream\/scripts/))).toBe(true);
    expect(JSON.parse(readRepoFile('scripts/package.json')).scripts.build).toMatch(/prepare-database\.ts/);
  });
});

describe('.dockerignore', () => {
  const lines = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim());

  it('keeps secrets, git history and local builds out of the build context', () => {
    for (const pattern of ['.env', '.git', '**/node_modules', '**/.next', '**/dist'])
      expect(lines).toContain(pattern);
    expect(lines).toContain('!.env.example');
  });
});
