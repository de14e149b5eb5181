/**
 * The simulated volatility history by hand (npm start backfills it on its own, see prepare-database.ts):
 *   npm run simulated-history -w @deltastream/scripts -- backfill   fill products without daily IV history
 *   npm run simulated-history -w @deltastream/scripts -- clear      delete every simulated row, keep live ones
 * Reads DATABASE_URL, PRODUCT_CATALOGUE and SIMULATED_HISTORY_SEED as prepare-database.ts does.
 */
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { parseEnv } from '@deltastream/bus/env';
import { createDb } from '@deltastream/db/client';
import { deleteHistoryBySource } from '@deltastream/db/queries';
import { PrepareDatabaseEnvSchema } from './prepare-database-env';
import { backfillSimulatedHistory } from './simulated-history';

const env = parseEnv(PrepareDatabaseEnvSchema);
const [command] = process.argv.slice(2);
const { db, close } = createDb(env.DATABASE_URL, { max: 1 });
try {
  if (command === 'backfill') {
    const products = loadCatalogueFile(env.PRODUCT_CATALOGUE);
    for (const { product, days } of await backfillSimulatedHistory(db, {
      products,
      seed: env.SIMULATED_HISTORY_SEED,
    })) {
      console.log(days > 0 ? `${product}: ${days} simulated days` : `${product}: has history, left alone`);
    }
  } else if (command === 'clear') {
    const deleted = await deleteHistoryBySource(db, { source: 'simulated' });
    console.log(
      `deleted ${deleted.ivDailyPoints} daily IV points, ${deleted.dailyCandles} daily candles and ` +
        `${deleted.ivIntradayPoints} intraday IV points, all simulated`,
    );
  } else {
    console.error('usage: simulated-history backfill | simulated-history clear');
    process.exitCode = 2;
  }
} finally {
  await close();
}
