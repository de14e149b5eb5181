import { describe, expect, it } from 'vitest';
import type { UnderlyingTick } from '@deltastream/core/schemas';
import { createTickBatcher } from './tick-batcher';

const tick = (product: string, ms: number): UnderlyingTick => ({
  type: 'UNDERLYING',
  product,
  price: 100,
  timestamp: new Date(ms).toISOString(),
  tick_id: Math.floor(ms / 500),
});

describe('createTickBatcher', () => {
  it('releases a window once it has ended, oldest first, by the ticks’ own timestamps', () => {
    const batcher = createTickBatcher(1000);
    batcher.add([tick('NIFTY', 10_000), tick('AAPL', 10_000), tick('NIFTY', 10_500), tick('NIFTY', 11_000)]);
    batcher.add([tick('NIFTY', 9_900)]);
    expect(batcher.takeClosed(10_999)).toEqual([[tick('NIFTY', 9_900)]]);
    expect(batcher.takeClosed(11_000)).toEqual([
      [tick('NIFTY', 10_000), tick('AAPL', 10_000), tick('NIFTY', 10_500)],
    ]);
    expect(batcher.takeClosed(11_500)).toEqual([]);
    expect(batcher.takeAll()).toEqual([[tick('NIFTY', 11_000)]]);
    expect(batcher.takeAll()).toEqual([]);
  });
});
