import { describe, expect, it } from 'vitest';
import { greatestConvexNonIncreasingMinorant } from './convex-minorant';
import { createRandom } from './random';

/**
 * The same sequence by the definition, slowly: start from `upper` and lower any value above what
 * convexity (at most the floored average of its neighbours) or monotonicity (at most its left
 * neighbour) allows, until nothing moves. Every admissible sequence stays below each step, so the fixed
 * point is the greatest one.
 */
function bySweeps(upper: readonly number[]): number[] {
  const g = [...upper];
  for (let moved = true; moved;) {
    moved = false;
    for (let i = 0; i < g.length; i += 1) {
      let bound = g[i] as number;
      if (i > 0) bound = Math.min(bound, g[i - 1] as number);
      if (i > 0 && i + 1 < g.length)
        bound = Math.min(bound, Math.floor(((g[i - 1] as number) + (g[i + 1] as number)) / 2));
      if (bound < (g[i] as number)) {
        g[i] = bound;
        moved = true;
      }
    }
  }
  return g;
}

describe('greatestConvexNonIncreasingMinorant', () => {
  it('keeps a sequence that is already convex and non-increasing', () => {
    expect(greatestConvexNonIncreasingMinorant([40, 25, 12, 5, 2, 1, 1])).toEqual([40, 25, 12, 5, 2, 1, 1]);
    expect(greatestConvexNonIncreasingMinorant([7])).toEqual([7]);
    expect(greatestConvexNonIncreasingMinorant([])).toEqual([]);
  });

  it('lowers a bump and a rise to the convex non-increasing sequence below them', () => {
    // 2 at index 2 sits above the chord from 1 to 1: lowered to 1; the final rise is flattened.
    expect(greatestConvexNonIncreasingMinorant([3, 1, 2, 1, 3])).toEqual([3, 1, 1, 1, 1]);
    // A straight line of slope −⅔ has no integer convex copy: the slopes go −1, −1, 0 below it.
    expect(greatestConvexNonIncreasingMinorant([2, 1, 1, 0])).toEqual([2, 1, 0, 0]);
  });

  it('is the greatest convex, non-increasing integer sequence below its input (random sequences)', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 2000; trial += 1) {
      const length = 1 + Math.floor(random.uniform() * 12);
      const upper = Array.from({ length }, () => Math.floor(random.uniform() * 41) - 20);
      const g = greatestConvexNonIncreasingMinorant(upper);
      expect(g, `from ${upper.join(' ')}`).toEqual(bySweeps(upper));
    }
  });
});
