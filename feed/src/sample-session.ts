import type { Product } from '@deltastream/core/schemas';
import { stepTimes } from '@deltastream/simulator/sequence';
import { createMarketSimulator } from '@deltastream/simulator/simulator';
import { formatRecordLines } from './recording';

/**
 * The sample session shipped in `feed/fixtures/sample-session.jsonl` for tests and demos: three seconds
 * of NIFTY (INR, Asia/Kolkata, Tuesday expiries) and AAPL (USD, America/New_York, Friday expiries)
 * from the seeded simulator, with a short strike ladder to keep the file small. Regenerate it with
 * `npm run fixture:sample -w @deltastream/feed` after a change to the simulator.
 */
export const SAMPLE_SESSION = {
  seed: 20_261_124,
  /** 09:30 in Mumbai on a NIFTY expiry day, 23:00 the evening before in New York. */
  startMs: Date.parse('2026-12-01T04:00:00.000Z'),
  durationMs: 3000,
  symbols: ['NIFTY', 'AAPL'],
  strikesEachSide: 3,
  rates: { ticksPerSecond: 2, chainIntervalMs: 1000 },
} as const;

export const SAMPLE_SESSION_FILE = new URL('../fixtures/sample-session.jsonl', import.meta.url);

/** The sample session's products, taken from `catalogue` with the shorter strike ladder. */
export function sampleSessionProducts(catalogue: readonly Product[]): Product[] {
  return SAMPLE_SESSION.symbols.map((symbol) => {
    const product = catalogue.find((p) => p.symbol === symbol);
    if (!product) throw new Error(`the catalogue has no ${symbol}, which the sample session needs`);
    return { ...product, strikes_each_side: SAMPLE_SESSION.strikesEachSide };
  });
}

/** The sample session as recording text (JSON lines). */
export function renderSampleSession(catalogue: readonly Product[]): string {
  const { seed, rates, startMs, durationMs } = SAMPLE_SESSION;
  const simulator = createMarketSimulator({ products: sampleSessionProducts(catalogue), seed, rates });
  let text = '';
  for (const nowMs of stepTimes(startMs, durationMs, rates)) {
    const { ticks, chains } = simulator.advance(nowMs);
    text += formatRecordLines(ticks, chains);
  }
  return text;
}
