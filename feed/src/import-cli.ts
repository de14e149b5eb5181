import { ConfigError } from '@deltastream/bus/env';
import { loadFeedConfig, type FeedConfig } from './config';
import { IMPORT_USAGE, parseImportArgs } from './import/import-args';
import { importOptionFile } from './import/import-file';
import { describeImport } from './import/import-report';

/**
 * Imports an option file (NSE F&O bhavcopy, UDiFF or legacy, or the generic layout) into a recording for
 * the replay: `npm run import -w @deltastream/feed -- <file.csv> --out <recording.jsonl>`. The products,
 * the catalogue and the rates that make the ids are the feed's (PRODUCT_CATALOGUE, FEED_PRODUCTS,
 * FEED_TICKS_PER_SECOND, FEED_CHAIN_INTERVAL_MS). Exits 0 when the recording was written, 1 when it was
 * not, 2 on bad arguments.
 */
let config: FeedConfig;
try {
  config = loadFeedConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const parsed = parseImportArgs(process.argv.slice(2), config.products);
if (!parsed.ok) {
  console.error(`${parsed.error}\n${IMPORT_USAGE}`);
  process.exit(2);
}
const { input, output, skipBadRows, lotSizes } = parsed.args;
try {
  const result = await importOptionFile({
    input,
    output,
    skipBadRows,
    lotSizes,
    products: config.products,
    rates: config.rates,
  });
  const lines = describeImport(result, output);
  (result.failure === undefined ? console.log : console.error)(lines.join('\n'));
  process.exitCode = result.failure === undefined ? 0 : 1;
} catch (error) {
  console.error(`cannot import ${input}: ${(error as Error).message}`);
  process.exitCode = 1;
}
