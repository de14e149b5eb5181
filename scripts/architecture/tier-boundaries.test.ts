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

/**
 * A file of `lines` (each source line → the tier it must be flagged as reaching, or null) is flagged on
 * exactly the lines with a tier, each for the specifier quoted on it.
 */
function expectFlagged(file: string, lines: Record<string, string | null>): void {
  const source = Object.keys(lines).join('\n');
  const flagged = boundaryViolations(file, source, WORKSPACES).map(({ line, specifier, tier }) => ({
    line,
    specifier,
    tier,
  }));
  const expected = Object.entries(lines).flatMap(([text, tier], index) =>
    tier === null ? [] : [{ line: index + 1, specifier: /'([^']*)'/.exec(text)?.[1], tier }],
  );
  expect(flagged).toEqual(expected);
}

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
    expectFlagged('bench/pipeline.bench.ts', {
      "import { createFeed } from '@deltastream/feed/app';": 'feed',
      "export type { WorkerQueue } from '@deltastream/worker';": 'worker',
      "const realtime = await import('@deltastream/realtime/metrics');": 'realtime',
      "const web = require('@deltastream/web/server');": 'web',
    });
  });

  it('flags a relative path that leaves the workspace for a tier folder', () => {
    expectFlagged('scripts/deployment/tier-variables.ts', {
      "import { FeedEnvSchema } from '../../feed/src/config';": 'feed',
      "import type { WorkerQueue } from '../../worker/src/config';": 'worker',
      "import { x } from '../prepare-database-env';": null,
    });
    expectFlagged('web/src/server/x.ts', { "import '../../../realtime';": 'realtime' });
  });

  it('lets packages import no tier at all, and everyone import packages', () => {
    expectFlagged('packages/simulator/src/x.ts', { "import { y } from '@deltastream/feed/app';": 'feed' });
    const packageImports = {
      "import { createMarketSimulator } from '@deltastream/simulator/simulator';": null,
      "import { METRIC_NAMES } from '@deltastream/bus/metrics';": null,
    };
    expectFlagged('web/src/server/market-fixtures.ts', packageImports);
    expectFlagged('packages/bus/src/x.ts', packageImports);
  });

  it("allows a tier's own imports, relative or by its own name, and mentions that are not imports", () => {
    expectFlagged('feed/src/main.ts', {
      "import { createFeed } from './app';": null,
      "import { createFeed as again } from '@deltastream/feed/app';": null,
      "// import { x } from '../../worker/src/config';": null,
      "const main = new URL('../realtime/src/main.ts', import.meta.url);": null,
    });
    expectFlagged('feed/src/deep/x.ts', { "import { y } from '../../src/app';": null });
  });

  it('attributes a file to the innermost workspace that holds it', () => {
    expect(owningWorkspace('packages/bus/src/env.ts', ['packages/bus', 'packages/bus-extra'])).toBe(
      'packages/bus',
    );
    expect(owningWorkspace('feedback/x.ts', ['feed'])).toBeUndefined();
  });
});
