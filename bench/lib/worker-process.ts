import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER_MAIN = fileURLToPath(new URL('../../worker/src/main.ts', import.meta.url));

/** Starts the real worker tier as its own process (its own core), as production runs it. */
export function startWorkerProcess(env: Record<string, string>): ChildProcess {
  // BENCH_WORKER_NODE_ARGS passes profiler flags (e.g. --cpu-prof) to the worker under test.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', WORKER_MAIN], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'error', WORKER_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
