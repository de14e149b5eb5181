/**
 * A small benchmark harness: runs a workload several times and reports the median, because these
 * machines are shared and a single run is noise. Workloads return a number that is accumulated into
 * a sink so the JIT cannot drop the work.
 */

export interface Measurement {
  name: string;
  /** Operations per second of each run, in run order. */
  opsPerSecond: number[];
  medianOpsPerSecond: number;
  medianNanosPerOp: number;
}

let sink = 0;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
function percentileOfSorted(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** Several percentiles of one sample, sorted once: `percentiles(latencies, [50, 99])` → `[p50, p99]`. */
export function percentiles(values: readonly number[], ps: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => percentileOfSorted(sorted, p));
}

/**
 * `batch` performs `opsPerBatch` operations. Each run repeats batches for about `runMs`; the first
 * run is a warm-up and not reported.
 */
export function measure(
  name: string,
  opsPerBatch: number,
  batch: () => number,
  { runs = 7, runMs = 400 }: { runs?: number; runMs?: number } = {},
): Measurement {
  const opsPerSecond: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    let ops = 0;
    const start = process.hrtime.bigint();
    let elapsedNs = 0n;
    const budgetNs = BigInt(runMs) * 1_000_000n;
    while (elapsedNs < budgetNs) {
      sink += batch();
      ops += opsPerBatch;
      elapsedNs = process.hrtime.bigint() - start;
    }
    if (run > 0) opsPerSecond.push(ops / (Number(elapsedNs) / 1e9));
  }
  const medianOps = median(opsPerSecond);
  return { name, opsPerSecond, medianOpsPerSecond: medianOps, medianNanosPerOp: 1e9 / medianOps };
}

export function report(
  measurement: Measurement,
  goal?: { minOpsPerSecond?: number; maxNanosPerOp?: number },
) {
  const { name, medianOpsPerSecond, medianNanosPerOp, opsPerSecond } = measurement;
  const runs = opsPerSecond.map((v) => (v / 1e6).toFixed(2)).join(' ');
  let verdict = '';
  if (goal?.minOpsPerSecond)
    verdict = medianOpsPerSecond >= goal.minOpsPerSecond ? ' [goal met]' : ' [GOAL MISSED]';
  if (goal?.maxNanosPerOp)
    verdict = medianNanosPerOp <= goal.maxNanosPerOp ? ' [goal met]' : ' [GOAL MISSED]';
  console.log(
    `${name.padEnd(44)} median ${(medianOpsPerSecond / 1e6).toFixed(3).padStart(8)} M/s  ` +
      `${medianNanosPerOp.toFixed(1).padStart(9)} ns/op${verdict}   runs (M/s): ${runs}`,
  );
}

export function sinkValue(): number {
  return sink;
}
