import type { Redis } from 'ioredis';
import type { Logger } from '@deltastream/bus/logger';
import { getLatestChains } from '@deltastream/bus/cache';
import { candleBucketStartMs } from '@deltastream/core/analytics';
import { addCalendarDays, zonedDate } from '@deltastream/core/calendar';
import type { EnrichedChain, Product } from '@deltastream/core/schemas';
import { dailyIvPoints, intradayIvPoint } from '@deltastream/core/volatility';
import type { Db } from '@deltastream/db/client';
import { refreshDailyCandles, upsertIvPoints } from '@deltastream/db/queries';

export interface VolatilityHistoryDeps {
  db: Db;
  redis: Redis;
  products: ReadonlyMap<string, Product>;
  logger: Logger;
}

const MINUTE_SECONDS = 60;

/**
 * Records the volatility history as chains are stored: once per product per minute of chain time, the IV
 * point of the minute and of its exchange date (intradayIvPoint over the latest cached chain of each live
 * expiry, every worker's, so the point covers the whole product), and the daily candles recomputed
 * from the 1-minute candles.
 *
 * Sampling on the first chain of each minute keeps the cost at a few statements per product per
 * minute however many chains arrive. Replicas sample independently: each writes at most once per
 * product per minute, and the stores keep the point computed from the later chains (upsertIvPoints), so
 * N replicas cost N small upserts a minute and never double-count. A minute's point is therefore its
 * latest sample rather than its last chain, and a day's point is the sample of its last minute with
 * chains.
 *
 * Daily candles are recomputed from the last date this process refreshed (the day before, after a
 * start), so the ticks that arrived after a date's last sample still reach its candle once the next
 * date's first sample runs.
 */
export function createVolatilityHistory(deps: VolatilityHistoryDeps) {
  const sampledMinuteMs = new Map<string, number>();
  const refreshedDate = new Map<string, string>();

  async function record(product: Product, date: string): Promise<void> {
    const chains = await getLatestChains(deps.redis, product.symbol, date);
    if (chains.length === 0) return;
    const observedAt = chains.reduce((a, b) =>
      Date.parse(b.timestamp) > Date.parse(a.timestamp) ? b : a,
    ).timestamp;
    const minute = intradayIvPoint(chains, { timestamp: observedAt, source: 'live' });
    const observation = { product: product.symbol, observed_at: observedAt };
    await upsertIvPoints(deps.db, {
      intraday: [{ ...minute, ...observation }],
      daily: dailyIvPoints([minute], product.time_zone).map((day) => ({ ...day, ...observation })),
    });
    await refreshDailyCandles(deps.db, {
      product: product.symbol,
      timeZone: product.time_zone,
      fromDate: refreshedDate.get(product.symbol) ?? addCalendarDays(date, -1),
    });
    refreshedDate.set(product.symbol, date);
  }

  return {
    /**
     * Called with every chain this process stored (or found stored): samples when the chain opens a
     * minute this process has not sampled for its product. A failure is logged and the minute skipped;
     * the chain's own processing is not affected.
     */
    async afterChain(chain: EnrichedChain): Promise<void> {
      const product = deps.products.get(chain.product);
      if (!product) return;
      const minuteMs = candleBucketStartMs(chain.timestamp, MINUTE_SECONDS);
      if ((sampledMinuteMs.get(chain.product) ?? -Infinity) >= minuteMs) return;
      sampledMinuteMs.set(chain.product, minuteMs);
      try {
        await record(product, zonedDate(minuteMs, product.time_zone));
      } catch (error) {
        deps.logger.warn(
          { err: error, product: chain.product, minute: new Date(minuteMs).toISOString() },
          'could not record the volatility history',
        );
      }
    },
  };
}
export type VolatilityHistory = ReturnType<typeof createVolatilityHistory>;
