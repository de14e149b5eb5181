/**
 * The greatest convex, non-increasing sequence of integers lying below a given sequence of integers
 * `upper` at equally spaced points: g with g[i] ≤ upper[i], g[i+1] − g[i] ≤ 0 and non-decreasing in i,
 * every g[i] an integer and as large as any such sequence allows. It exists because the pointwise
 * maximum of two such sequences is one too.
 *
 * Value at i: a convex integer sequence lies above its support line at i, whose slope s can be taken as
 * its integer difference at i, so g[i] = max over integers s ≤ 0 of min_j (upper[j] − s·(j − i)) (each
 * such line is itself an admissible sequence). The function of s is concave, and its real maximisers
 * are the slopes of the real lower convex hull of (j, upper[j]) meeting at i; the integer maximiser is
 * therefore the floor or the ceiling of one of those hull slopes, or 0 when they are positive. With
 * A(s) = min_j (upper[j] − s·j), g[i] = max over those candidates of A(s) + s·i: O(n·h) for h hull
 * slopes, no iteration.
 */
export function greatestConvexNonIncreasingMinorant(upper: readonly number[]): number[] {
  const n = upper.length;
  const value = (j: number) => upper[j] as number;
  // Lower convex hull of the points (j, upper[j]) (Andrew's monotone chain, lower half).
  const hull: number[] = [];
  for (let j = 0; j < n; j += 1) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2] as number;
      const b = hull[hull.length - 1] as number;
      // b lies on or above the chord from a to j: not a vertex of the lower hull.
      if ((value(b) - value(a)) * (j - a) >= (value(j) - value(a)) * (b - a)) hull.pop();
      else break;
    }
    hull.push(j);
  }
  const candidates = new Set<number>([0]);
  for (let h = 0; h + 1 < hull.length; h += 1) {
    const a = hull[h] as number;
    const b = hull[h + 1] as number;
    const slope = (value(b) - value(a)) / (b - a);
    for (const s of [Math.floor(slope), Math.ceil(slope)]) if (s <= 0) candidates.add(s);
  }
  const lines = [...candidates].map((s) => {
    let intercept = Infinity;
    for (let j = 0; j < n; j += 1) intercept = Math.min(intercept, value(j) - s * j);
    return { s, intercept };
  });
  return Array.from({ length: n }, (_, i) =>
    lines.reduce((best, { s, intercept }) => Math.max(best, intercept + s * i), -Infinity),
  );
}
