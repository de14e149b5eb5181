/**
 * `npm start` runs what production runs: each tier's production build, then its `start` script on the
 * built output, with every variable the tier reads passed through turbo. `npm run dev` keeps watch mode.
 * Read from turbo's own plan (`--dry=json`) of the command the scripts run, so nothing starts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readRepoFile, ROOT } from '../deployment/repo-files';
import { variablesRead, type Deployable } from '../deployment/tier-variables';

interface PlannedTask {
  taskId: string;
  task: string;
  package: string;
  command: string;
  dependencies: string[];
}

function plan(npmScript: 'start' | 'dev'): PlannedTask[] {
  const { scripts } = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };
  const [program = '', ...args] = (scripts[npmScript] ?? '').split(' ');
  const run = spawnSync(program, [...args, '--dry=json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { tasks: PlannedTask[] }).tasks;
}

/**
 * The command lines a tier's script runs: web's script starts three processes (the local edge, Next.js and
 * the market API), which it lists with `--dry`; the others run one.
 */
function commandLines(tier: Deployable, command: string): string[] {
  if (tier !== 'web') return [command];
  const run = spawnSync(process.execPath, [...command.split(' ').slice(1), '--dry'], {
    cwd: `${ROOT}/web`,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const processes = JSON.parse(run.stdout) as [name: string, command: string, args: string[]][];
  expect(processes.map(([name]) => name).sort()).toEqual(['edge', 'market-api', 'next']);
  return processes.map(([, program, args]) => [program, ...args].join(' '));
}

const TIERS = ['feed', 'worker', 'realtime', 'web'] as const satisfies readonly Deployable[];
const NODE_TIERS = ['feed', 'worker', 'realtime'] as const;
/** Commands that serve source rather than a build. */
const DEVELOPMENT_COMMAND = /\btsx\b|\bnext dev\b|--watch\b|\bwatch\b/;

interface TurboTask {
  env?: string[];
  passThroughEnv?: string[];
  dependsOn?: string[];
  outputs?: string[];
}
const turbo = JSON.parse(readRepoFile('turbo.json')) as {
  globalEnv?: string[];
  globalPassThroughEnv?: string[];
  tasks: Record<string, TurboTask>;
};
/**
 * What a tier reads that turbo need not pass: web's start script sets PORT itself (from WEB_PORT), and
 * HOSTNAME stays at its 0.0.0.0 default locally, since a shell's HOSTNAME names the machine.
 */
const SET_OR_LEFT_BY_START: Partial<Record<Deployable, string[]>> = { web: ['PORT', 'HOSTNAME'] };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Turbo's wildcard patterns (`FEED_*`) as a test for a variable's name. */
function passedBy(task: TurboTask): (variable: string) => boolean {
  const patterns = [
    ...(turbo.globalEnv ?? []),
    ...(turbo.globalPassThroughEnv ?? []),
    ...(task.env ?? []),
    ...(task.passThroughEnv ?? []),
  ].map((pattern) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`));
  return (variable) => patterns.some((pattern) => pattern.test(variable));
}

describe('npm start', () => {
  const tasks = plan('start');
  const byId = new Map(tasks.map((task) => [task.taskId, task]));

  it('runs start tasks and the builds they need, no dev server', () => {
    expect(new Set(tasks.map((task) => task.task))).toEqual(new Set(['start', 'build']));
  });

  it.each(TIERS)('starts %s from its production build', (tier) => {
    const start = byId.get(`@deltastream/${tier}#start`);
    expect(start?.command).toBeDefined();
    for (const line of commandLines(tier, start!.command)) expect(line).not.toMatch(DEVELOPMENT_COMMAND);
    expect(start?.dependencies).toContain(`@deltastream/${tier}#build`);
    expect(byId.get(`@deltastream/${tier}#build`)?.command).not.toMatch(DEVELOPMENT_COMMAND);
  });

  it.each(NODE_TIERS)('runs %s as node dist/main.js, the bundle its build writes', (tier) => {
    expect(byId.get(`@deltastream/${tier}#start`)?.command).toBe('node dist/main.js');
    expect(byId.get(`@deltastream/${tier}#build`)?.command).toMatch(
      /^node \.\.\/scripts\/build-node-tier\.mjs src\/main\.ts\b/,
    );
  });

  it("caches builds, dist/ and web's .next/ included, so a second start skips them", () => {
    expect(turbo.tasks.build?.outputs).toEqual(expect.arrayContaining(['dist/**', '.next/**']));
    expect(turbo.tasks.start?.dependsOn).toContain('build');
  });
});

describe('npm run dev', () => {
  it('runs every tier in watch mode', () => {
    const tasks = plan('dev');
    expect(new Set(tasks.map((task) => task.task))).toEqual(new Set(['dev']));
    for (const tier of TIERS) {
      const command = tasks.find((task) => task.taskId === `@deltastream/${tier}#dev`)?.command;
      expect(command).toBeDefined();
      for (const line of commandLines(tier, command!)) expect(line).toMatch(DEVELOPMENT_COMMAND);
    }
  });
});

describe.each(['start', 'dev'] as const)('turbo.json %s task', (taskName) => {
  const passed = passedBy(turbo.tasks[taskName] ?? {});

  it.each(TIERS)('passes every variable %s reads', (tier) => {
    const exempt = SET_OR_LEFT_BY_START[tier] ?? [];
    const missing = variablesRead(tier).filter((variable) => !exempt.includes(variable) && !passed(variable));
    expect(missing).toEqual([]);
  });
});
