import { installShutdown } from '@deltastream/bus/shutdown';
import { closeContext, openContext } from '../server/context';
import { createMarketApiServer } from './app';
import { loadMarketApiConfig } from './config';

const config = loadMarketApiConfig();
const ctx = openContext('market-api');
const server = createMarketApiServer(ctx);

const shutdown = installShutdown({
  logger: ctx.logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async stop() {
    await server.close();
    await closeContext();
  },
});

try {
  const port = await server.listen(config.MARKET_API_PORT, config.MARKET_API_HOST);
  ctx.logger.info({ host: config.MARKET_API_HOST, port }, 'market API listening');
} catch (error) {
  ctx.logger.fatal({ err: error }, 'market API failed to start');
  await shutdown('start-up failure', 1);
}
