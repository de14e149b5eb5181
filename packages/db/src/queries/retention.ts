import { lt } from 'drizzle-orm';
import type { Db } from '../client';
import { candles, chainSnapshots, ivIntradayPoints, underlyingTicks } from '../schema';

export interface PrunedCounts {
  ticks: number;
  /** Each with its row of quotes (chain_quotes, deleted by its foreign key's cascade). */
  chainSnapshots: number;
  candles: number;
  ivIntradayPoints: number;
}

/**
 * Deletes history older than `olderThan` in one transaction: ticks and snapshots (with their quotes) by
 * their time, candles and intraday IV points by bucket start. Products, users and tokens are never pruned, nor are the daily series (daily IV points
 * and daily candles): a year of them is what IV rank and realised volatility read.
 */
export async function pruneHistory(db: Db, options: { olderThan: Date }): Promise<PrunedCounts> {
  return db.transaction(async (tx) => {
    const snapshots = await tx.delete(chainSnapshots).where(lt(chainSnapshots.ts, options.olderThan));
    const ticks = await tx.delete(underlyingTicks).where(lt(underlyingTicks.ts, options.olderThan));
    const bars = await tx.delete(candles).where(lt(candles.bucketStart, options.olderThan));
    const ivMinutes = await tx
      .delete(ivIntradayPoints)
      .where(lt(ivIntradayPoints.bucketStart, options.olderThan));
    return {
      ticks: ticks.count,
      chainSnapshots: snapshots.count,
      candles: bars.count,
      ivIntradayPoints: ivMinutes.count,
    };
  });
}
