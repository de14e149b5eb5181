/**
 * Which installed packages refuse a Node.js version the project says it runs on: a package whose
 * `engines.node` does not admit every version of the root package.json's `engines.node` range makes
 * `npm ci` warn EBADENGINE, and may fail, on a Node the README promises.
 */
import semver from 'semver';

/** The part of a package-lock.json (lockfileVersion 2 or 3) this check reads. */
export interface LockFile {
  packages: Record<
    string,
    { version?: string; engines?: unknown; optional?: boolean; os?: string[]; cpu?: string[] }
  >;
}

export interface Platform {
  os: string;
  cpu: string;
}

export interface EngineConflict {
  /** The package's folder in the lock (`node_modules/a/node_modules/b`). */
  path: string;
  version: string | undefined;
  engines: string;
}

/** npm's `os`/`cpu` lists: plain names allow, `!name` excludes. */
function allows(list: readonly string[] | undefined, value: string): boolean {
  if (list === undefined || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const allowed = list.filter((entry) => !entry.startsWith('!'));
  return allowed.length === 0 || allowed.includes(value);
}

/**
 * The packages of `lock` that npm installs on `platform` and whose `engines.node` leaves out some version
 * of `projectRange`. Optional packages built for another os or cpu (prebuilt binaries) are not installed
 * there, so their engines do not bind the project there.
 */
export function engineConflicts(lock: LockFile, projectRange: string, platform: Platform): EngineConflict[] {
  if (semver.validRange(projectRange) === null) throw new Error(`not a semver range: ${projectRange}`);
  const conflicts: EngineConflict[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue;
    const engines = (entry.engines as { node?: unknown } | undefined)?.node;
    if (typeof engines !== 'string') continue;
    if (entry.optional && !(allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu))) continue;
    if (!semver.subset(projectRange, engines)) conflicts.push({ path, version: entry.version, engines });
  }
  return conflicts;
}
