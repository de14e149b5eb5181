import type { UnderlyingTick } from '@deltastream/core/schemas';

/**
 * Groups ticks into windows of the clock, [n·windowMs, (n + 1)·windowMs), by their own timestamps.
 * A window's ticks become one job per product whose id is the window's first tick id, so the batches,
 * and with them the job ids, depend only on the ticks: a live run and a replay of its recording
 * enqueue the same jobs, whatever the timer's jitter. 100 ms bounds what batching adds to a tick's
 * latency while keeping jobs few at high tick rates (at most 10 jobs per product per second).
 */
export const TICK_BATCH_WINDOW_MS = 100;

export interface TickBatcher {
  add(ticks: readonly UnderlyingTick[]): void;
  /** The ticks of every window that ended at or before `nowMs`, one array per window, oldest first. */
  takeClosed(nowMs: number): UnderlyingTick[][];
  /** Every buffered window, closed or not. */
  takeAll(): UnderlyingTick[][];
}

export function createTickBatcher(windowMs: number = TICK_BATCH_WINDOW_MS): TickBatcher {
  const windows = new Map<number, UnderlyingTick[]>();
  const take = (isDue: (window: number) => boolean) => {
    const due = [...windows.keys()].filter(isDue).sort((a, b) => a - b);
    return due.map((window) => {
      const ticks = windows.get(window) ?? [];
      windows.delete(window);
      return ticks;
    });
  };
  return {
    add(ticks) {
      for (const tick of ticks) {
        const window = Math.floor(Date.parse(tick.timestamp) / windowMs);
        const list = windows.get(window);
        if (list) list.push(tick);
        else windows.set(window, [tick]);
      }
    },
    takeClosed: (nowMs) => take((window) => (window + 1) * windowMs <= nowMs),
    takeAll: () => take(() => true),
  };
}
