/**
 * The rule that keeps the tiers deployable on their own: they share code only through `packages/`, so no
 * workspace imports another tier, neither by package name (`@deltastream/feed/app`) nor by a relative path
 * into its folder (`../../worker/src/config`), and a package imports no tier at all. Starting a tier as a
 * process (a benchmark spawning `worker/src/main.ts`) is not an import and is not checked here.
 */
import { posix } from 'node:path';
import ts from 'typescript';
import { listRepoFiles, readRepoFile, workspaceFolders } from '../deployment/repo-files';

/** The deployable tiers: folders at the repository root, packages named `@deltastream/<folder>`. */
export const TIERS = ['feed', 'worker', 'realtime', 'web'] as const;

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export interface BoundaryViolation {
  /** Repository-relative path of the importing file. */
  file: string;
  line: number;
  /** The module specifier as written. */
  specifier: string;
  /** The tier it reaches into. */
  tier: string;
}

/** The workspace folder a repository-relative file belongs to: the longest one containing it. */
export function owningWorkspace(file: string, workspaces: readonly string[]): string | undefined {
  return workspaces.filter((folder) => file.startsWith(`${folder}/`)).sort((a, b) => b.length - a.length)[0];
}

/** The tier a specifier written in `file` reaches, when it is another workspace's tier. */
function tierReached(file: string, specifier: string, ownWorkspace: string): string | undefined {
  const byName = /^@deltastream\/([^/]+)/.exec(specifier)?.[1];
  if (byName !== undefined) {
    return TIERS.find((tier) => tier === byName && tier !== ownWorkspace);
  }
  if (!specifier.startsWith('.')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  return TIERS.find((tier) => tier !== ownWorkspace && (target === tier || target.startsWith(`${tier}/`)));
}

/**
 * The imports of one source file that cross into another tier: static imports and re-exports (types
 * included), dynamic `import()` and `require()`, as the TypeScript scanner finds them (comments and
 * strings that merely mention a path are not imports).
 */
export function boundaryViolations(
  file: string,
  source: string,
  workspaces: readonly string[],
): BoundaryViolation[] {
  const ownWorkspace = owningWorkspace(file, workspaces);
  if (ownWorkspace === undefined) return [];
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.flatMap(({ fileName: specifier, pos }) => {
    const tier = tierReached(file, specifier, ownWorkspace);
    if (tier === undefined) return [];
    const line = source.slice(0, pos).split('\n').length;
    return [{ file, line, specifier, tier }];
  });
}

/** Every crossing in every workspace's sources (node_modules, dist and .next skipped). */
export function repositoryBoundaryViolations(): BoundaryViolation[] {
  const workspaces = workspaceFolders();
  return workspaces.flatMap((folder) =>
    listRepoFiles(folder, (name) => SOURCE_FILE.test(name)).flatMap((file) =>
      boundaryViolations(file, readRepoFile(file), workspaces),
    ),
  );
}
