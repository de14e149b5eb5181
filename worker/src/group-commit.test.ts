import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit';

function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('createGroupCommit', () => {
  it('writes alone when idle and batches what arrives while writes are in flight', async () => {
    const calls: number[][] = [];
    const gate = deferred();
    const commit = createGroupCommit<number, number>(
      async (items) => {
        calls.push(items);
        await gate.promise;
        return items.map((n) => n * 10);
      },
      { maxInFlight: 1 },
    );
    const results = Promise.all([1, 2, 3, 4].map((n) => commit.write(n)));
    gate.release();
    expect(await results).toEqual([10, 20, 30, 40]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatch and runs up to maxInFlight batches at once', async () => {
    let running = 0;
    let peak = 0;
    const sizes: number[] = [];
    const commit = createGroupCommit<number, number>(
      async (items) => {
        running += 1;
        peak = Math.max(peak, running);
        sizes.push(items.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return items;
      },
      { maxBatch: 3, maxInFlight: 2 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.write(i)));
    expect(peak).toBe(2);
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('fails every write of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const commit = createGroupCommit<number, number>(async (items) => {
      if (fail) throw new Error('database unavailable');
      return items;
    });
    await expect(commit.write(1)).rejects.toThrow('database unavailable');
    fail = false;
    await expect(commit.write(2)).resolves.toBe(2);
  });
});
