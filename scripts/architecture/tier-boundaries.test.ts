import { describe, expect, it } from 'vitest';
import { workspaceFolders } from '../deployment/repo-files';
import { boundaryViolations, owningWorkspace, repositoryBoundaryViolations } from './tier-boundaries';

const WORKSPACES = [
  'packages/bus',
  'packages/simulator',
  'feed',
  'worker',
  'realtime',
  'web',
  'bench',
  'scripts',
];
const crossings = (file: string, source: string) =>
  boundaryViolations(file, source, WORKSPACES).map(({ line, specifier, tier }) => ({
    line,
    specifier,
    tier,
  }));

describe('tier boundaries', () => {
  it('no workspace imports another tier, and no package imports a tier', () => {
    const found = repositoryBoundaryViolations().map(
      ({ file, line, specifier }) => `${file}:${line} imports '${specifier}'`,
    );
    expect(found).toEqual([]);
  });

  it('scans every workspace of the root package.json', () => {
    const folders = workspaceFolders();
    for (const folder of ['packages/core', ...WORKSPACES]) expect(folders).toContain(folder);
  });

  it('flags another tier by package name, in any import form', () => {
    const source = [
      "import { createFeed } from '@deltastream/feed/app';",
      "export type { WorkerQueue } from '@deltastream/worker';",
      "const realtime = await import('@deltastream/realtime/metrics');",
      "const web = require('@deltastream/web/server');",
    ].join('\n');
    expect(crossings('bench/pipeline.bench.ts', source)).toEqual([
      { line: 1, specifier: '@deltastream/feed/app', tier: 'feed' },
      { line: 2, specifier: '@deltastream/worker', tier: 'worker' },
      { line: 3, specifier: '@deltastream/realtime/metrics', tier: 'realtime' },
      { line: 4, specifier: '@deltastream/web/server', tier: 'web' },
    ]);
  });

  it('flags a relative path that leaves the workspace for a tier folder', () => {
    const source = [
      "import { FeedEnvSchema } from '../../feed/src/config';",
      "import type { WorkerQueue } from '../../worker/src/config';",
      "import { x } from '../prepare-database-env';",
    ].join('\n');
    expect(crossings('scripts/deployment/tier-variables.ts', source)).toEqual([
      { line: 1, specifier: '../../feed/src/config', tier: 'feed' },
      { line: 2, specifier: '../../worker/src/config', tier: 'worker' },
    ]);
    expect(crossings('web/src/server/x.ts', "import '../../../realtime';")).toEqual([
      { line: 1, specifier: '../../../realtime', tier: 'realtime' },
    ]);
  });

  it('lets packages import no tier at all, and everyone import packages', () => {
    expect(crossings('packages/simulator/src/x.ts', "import { y } from '@deltastream/feed/app';")).toEqual([
      { line: 1, specifier: '@deltastream/feed/app', tier: 'feed' },
    ]);
    const packageImports = [
      "import { createMarketSimulator } from '@deltastream/simulator/simulator';",
      "import { METRIC_NAMES } from '@deltastream/bus/metrics';",
    ].join('\n');
    expect(crossings('web/src/server/market-fixtures.ts', packageImports)).toEqual([]);
    expect(crossings('packages/bus/src/x.ts', packageImports)).toEqual([]);
  });

  it("allows a tier's own imports, relative or by its own name, and mentions that are not imports", () => {
    const source = [
      "import { createFeed } from './app';",
      "import { createFeed as again } from '@deltastream/feed/app';",
      "// import { x } from '../../worker/src/config';",
      "const main = new URL('../realtime/src/main.ts', import.meta.url);",
    ].join('\n');
    expect(crossings('feed/src/main.ts', source)).toEqual([]);
    expect(crossings('feed/src/deep/x.ts', "import { y } from '../../src/app';")).toEqual([]);
  });

  it('attributes a file to the innermost workspace that holds it', () => {
    expect(owningWorkspace('packages/bus/src/env.ts', ['packages/bus', 'packages/bus-extra'])).toBe(
      'packages/bus',
    );
    expect(owningWorkspace('feedback/x.ts', ['feed'])).toBeUndefined();
  });
});
