import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux; null elsewhere or once
 * it has exited). Its difference over a window is the process's own cost, whatever else the machine runs.
 */
export function cpuTimeMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th,
    // in clock ticks of 1/100 s (USER_HZ, 100 on Linux whatever the kernel's HZ).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) used so far by every live process whose command name is `command` (e.g. `postgres`, whose
 * backends are one process per connection; `redis-server`). Backends that exit in between are not counted,
 * so measure over a window in which the connections stay open.
 */
export function cpuTimeOfCommandMs(command: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== command) continue;
      total += cpuTimeMs(Number(entry)) ?? 0;
    } catch {
      // The process exited between the listing and the read.
    }
  }
  return total;
}
