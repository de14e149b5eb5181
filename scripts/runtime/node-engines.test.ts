import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../deployment/repo-files';
import { engineConflicts, type LockFile } from './node-engines';

const here = { os: process.platform, cpu: process.arch };
const projectRange = (JSON.parse(readRepoFile('package.json')) as { engines: { node: string } }).engines.node;

describe('engineConflicts', () => {
  const lock = (entry: LockFile['packages'][string]): LockFile => ({
    packages: { '': { engines: { node: '>=1' } }, 'node_modules/a': { version: '1.0.0', ...entry } },
  });

  it('reports a package that refuses part of the range, and accepts one that admits all of it', () => {
    expect(engineConflicts(lock({ engines: { node: '>=22' } }), '>=20.19', here)).toEqual([
      { path: 'node_modules/a', version: '1.0.0', engines: '>=22' },
    ]);
    // Admits 20.19 but not 21, which ">=20.19" promises.
    expect(
      engineConflicts(lock({ engines: { node: '^20.19.0 || >=22.12.0' } }), '>=20.19', here),
    ).toHaveLength(1);
    expect(
      engineConflicts(lock({ engines: { node: '^20.19.0 || >=22.12.0' } }), '^20.19.0 || >=24', here),
    ).toEqual([]);
  });

  it('skips optional binaries for another platform, but not those for this one', () => {
    const binary = (os: string) =>
      lock({ engines: { node: '>=99' }, optional: true, os: [os], cpu: ['x64'] });
    expect(engineConflicts(binary('aix'), '^20.19.0', { os: 'linux', cpu: 'x64' })).toEqual([]);
    expect(engineConflicts(binary('linux'), '^20.19.0', { os: 'linux', cpu: 'x64' })).toHaveLength(1);
    expect(engineConflicts(binary('!linux'), '^20.19.0', { os: 'linux', cpu: 'x64' })).toEqual([]);
  });

  it('refuses a project range that is not one', () => {
    expect(() => engineConflicts(lock({}), 'twenty', here)).toThrow(/not a semver range/);
  });
});

describe('the project Node.js version', () => {
  it('is admitted by every package in package-lock.json that npm installs here', () => {
    const lock = JSON.parse(readRepoFile('package-lock.json')) as LockFile;
    expect(engineConflicts(lock, projectRange, here)).toEqual([]);
  });

  it('is the range README.md states, and the Node.js running this test is in it', () => {
    expect(readRepoFile('README.md')).toContain(`Node.js \`${projectRange}\``);
    expect(semver.satisfies(process.version, projectRange)).toBe(true);
  });
});
