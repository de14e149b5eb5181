import { parseEnv } from '@deltastream/bus/env';
import { createLogger } from '@deltastream/bus/logger';
import { installShutdown } from '@deltastream/bus/shutdown';
import { LocalEdgeEnvSchema } from '@deltastream/bus/web-env';
import { createLocalEdge } from './proxy';

const config = parseEnv(LocalEdgeEnvSchema);
const logger = createLogger('local-edge', config.LOG_LEVEL);
const edge = createLocalEdge({
  ports: { web: config.NEXT_PORT, 'market-api': config.MARKET_API_PORT, realtime: config.REALTIME_PORT },
  logger,
});

const shutdown = installShutdown({ logger, timeoutMs: 5_000, stop: () => edge.close() });

try {
  // Every interface, as `next dev` would listen: the edge, not the client, says who the client is.
  const port = await edge.listen(config.WEB_PORT, '0.0.0.0');
  logger.info({ port, upstreams: config }, 'local edge listening');
} catch (error) {
  logger.fatal({ err: error }, 'local edge failed to start');
  await shutdown('start-up failure', 1);
}
