// Runs web as it is deployed, on one machine: Next.js and the market API on loopback ports, and the local
// edge (src/local-edge) on WEB_PORT routing between them, and to realtime, by the deployments' path rules.
//   node scripts/run-web.mjs start   the production builds (`npm run build` first)
//   node scripts/run-web.mjs dev     the same processes in watch mode (next dev, tsx watch)
//   … --dry                          prints the processes as JSON ([name, command, args]) and starts none
// Ports: WEB_PORT (3000, the one to open), NEXT_PORT (3100), MARKET_API_PORT (3101); REALTIME_PORT (8002)
// is where the edge finds realtime. When one process exits the others are stopped and its code returned.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'dev') {
  console.error('usage: run-web.mjs start|dev');
  process.exit(2);
}

const env = {
  ...process.env,
  WEB_PORT: process.env.WEB_PORT ?? '3000',
  NEXT_PORT: process.env.NEXT_PORT ?? '3100',
  MARKET_API_PORT: process.env.MARKET_API_PORT ?? '3101',
  // Behind the edge only: nothing reaches Next.js or the market API but through it.
  MARKET_API_HOST: '127.0.0.1',
  // The production builds run as deployed (Next.js's standalone server sets this for itself too), so an
  // AUTH_SECRET of 32 characters or more is required.
  ...(mode === 'start' ? { NODE_ENV: 'production' } : {}),
};
const node = process.execPath;
const PROCESSES = {
  start: [
    ['next', node, ['.next/standalone/web/server.js'], { PORT: env.NEXT_PORT, HOSTNAME: '127.0.0.1' }],
    ['market-api', node, ['--enable-source-maps', 'dist/market-api/main.js'], {}],
    ['edge', node, ['--enable-source-maps', 'dist/local-edge/main.js'], {}],
  ],
  dev: [
    ['next', 'next', ['dev', '--port', env.NEXT_PORT, '--hostname', '127.0.0.1'], {}],
    ['market-api', 'tsx', ['watch', 'src/market-api/main.ts'], {}],
    ['edge', 'tsx', ['watch', 'src/local-edge/main.ts'], {}],
  ],
}[mode];

if (process.argv.includes('--dry')) {
  process.stdout.write(
    `${JSON.stringify(PROCESSES.map(([name, command, args]) => [name, command, args]))}\n`,
  );
  process.exit(0);
}

const children = PROCESSES.map(([name, command, args, extraEnv]) => {
  const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  child.once('exit', (code, signal) => stopAll(name, code ?? (signal ? 1 : 0)));
  child.once('error', (error) => {
    console.error(`[${name}] ${error.message}`);
    stopAll(name, 1);
  });
  return child;
});

let stopping = false;
function stopAll(who, code) {
  if (stopping) return;
  stopping = true;
  if (who) console.error(`[${who}] exited (${code}); stopping web`);
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  const kill = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), 15_000);
  kill.unref();
  Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() =>
    process.exit(code),
  );
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stopAll(null, 0));
