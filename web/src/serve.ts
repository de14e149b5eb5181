/**
 * web's production server. Next.js answers every request except the market-data reads that scripts
 * poll hundreds of times a second (server/direct-routes.ts). Those go straight to their route files' own
 * GET handlers (same defineRoute wrapper, same process context), skipping Next.js's per-request routing
 * and rendering pipeline, which costs more CPU than the handler itself.
 *
 * `npm run build` bundles this file into `.next/standalone/web/serve.mjs`, beside Next.js's own
 * `server.js`, whose configuration (`.next/required-server-files.json`) it reuses. Environment: PORT
 * (3000) and HOSTNAME (0.0.0.0), as for `server.js`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import next from 'next';
import { getContext } from './server/context';
import { answerDirectly, matchDirectRoute } from './server/direct-routes';

/** How long a stopping server lets requests in flight finish. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const dir = dirname(process.argv[1]!);
  process.chdir(dir);
  const { config } = JSON.parse(readFileSync(join(dir, '.next/required-server-files.json'), 'utf8')) as {
    config: Record<string, unknown>;
  };
  // What Next.js's generated server.js sets before starting, so both servers run the same configuration.
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  const port = Number(process.env.PORT) || 3000;
  const hostname = process.env.HOSTNAME || '0.0.0.0';
  const app = next({ dev: false, dir, conf: config, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    const match = matchDirectRoute(req.method, req.url);
    if (match === null) {
      void handle(req, res);
      return;
    }
    // defineRoute turns every error into a response; this is for a failure before or after it.
    answerDirectly(req, res, match).catch((error: unknown) => {
      getContext().logger.error({ err: error, url: req.url }, 'direct route failed');
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  server.listen(port, hostname, () =>
    getContext().logger.info({ url: `http://${hostname}:${port}` }, 'web listening'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
