/**
 * Reading the deployment files the way their tools do, for the tests beside this file: YAML with merge
 * keys (docker compose), multi-document YAML (kubectl), Dockerfiles as instructions grouped by stage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function repoPath(...segments: string[]): string {
  return join(ROOT, ...segments);
}

export function readRepoFile(path: string): string {
  return readFileSync(repoPath(path), 'utf8');
}

/** One YAML document; `<<` merge keys resolved as docker compose does. */
export function readYaml<T = unknown>(path: string): T {
  return parse(readRepoFile(path), { merge: true }) as T;
}

/** Every document of a multi-document YAML file; a syntax error fails with the file's name. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readRepoFile(path)).flatMap((document) => {
    if (document.errors.length > 0) {
      throw new Error(`${path}: ${document.errors.map((error) => error.message).join('; ')}`);
    }
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

/** Files under `dir` (repository-relative), recursively, whose name passes `keep`. */
export function listRepoFiles(dir: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '.next') continue;
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (keep(entry.name)) found.push(relative(ROOT, path));
    }
  };
  walk(repoPath(dir));
  return found.sort();
}

/** The workspace folders named by the root package.json (`packages/*` expanded). */
export function workspaceFolders(): string[] {
  const { workspaces } = JSON.parse(readRepoFile('package.json')) as { workspaces: string[] };
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(repoPath(parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(repoPath(parent, entry.name, 'package.json')))
      .map((entry) => `${parent}/${entry.name}`);
  });
}

export interface DockerInstruction {
  /** Upper-cased instruction (FROM, COPY, RUN, …). */
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  line: number;
}

export interface DockerStage {
  /** The image the stage starts from. */
  from: string;
  /** Its `AS` name, if any. */
  name: string | undefined;
  instructions: DockerInstruction[];
}

/** A Dockerfile as its stages, comments dropped and `\` continuations joined. */
export function parseDockerfile(text: string): DockerStage[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let pendingLine = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (pending === '') pendingLine = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const whole = `${pending}${line}`;
    pending = '';
    const [keyword = '', ...rest] = whole.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pendingLine });
  });
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        from: words[0] ?? '',
        name: asIndex >= 0 ? words[asIndex + 1] : undefined,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `--from=build` of a COPY, if any. */
export function copySourceStage(instruction: DockerInstruction): string | undefined {
  return /--from=(\S+)/.exec(instruction.args)?.[1];
}

/** A COPY's sources (flags and destination dropped). */
export function copySources(instruction: DockerInstruction): string[] {
  const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
  return words.slice(0, -1);
}
