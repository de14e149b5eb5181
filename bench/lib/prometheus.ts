/**
 * Reads a tier's /metrics (Prometheus text format) so a benchmark can report what the server saw of its
 * own load: time in its handlers, garbage-collection pauses, event-loop delay. Only what the benchmarks
 * need: untyped samples, histograms as cumulative bucket counts.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

export async function scrapeMetrics(url: string): Promise<Sample[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return parsePrometheusText(await res.text());
}

/** The sum of every sample called `name` whose labels include `where`. */
export function sumOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

/**
 * Cumulative counts of histogram `name` (its `_bucket` samples matching `where`, summed over the other
 * labels), by upper bound, ascending; `+Inf` last.
 */
export function histogramBuckets(
  samples: readonly Sample[],
  name: string,
  where: Record<string, string> = {},
): [number, number][] {
  const byBound = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket`) continue;
    if (!Object.entries(where).every(([k, v]) => s.labels[k] === v)) continue;
    const bound = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + s.value);
  }
  return [...byBound].sort((a, b) => a[0] - b[0]);
}

/** Bucket counts of `after` minus `before` (a histogram's growth over a window). */
export function bucketGrowth(before: [number, number][], after: [number, number][]): [number, number][] {
  const start = new Map(before);
  return after.map(([bound, count]) => [bound, count - (start.get(bound) ?? 0)]);
}

/** The upper bound of the bucket holding the p-th percentile of cumulative `buckets`. */
export function bucketPercentile(buckets: readonly [number, number][], p: number): number {
  const total = buckets.at(-1)?.[1] ?? 0;
  return buckets.find(([, count]) => count >= (p / 100) * total)?.[0] ?? NaN;
}
