/**
 * Readiness: whether a process should be counted on now (its dependencies answer, its work is getting
 * done), as named checks with the reason each one fails. Liveness is not this: a process that answers
 * at all is alive (startOpsServer's `/health`), so an outage of Redis or PostgreSQL makes pods unready,
 * never restarted.
 */
import { withTimeout } from '@deltastream/core/async';
import type { DataAge, QueueBacklog } from './pipeline-health';

export interface CheckResult {
  ok: boolean;
  /** Why the check fails, in the operator's words; or what it measured when that helps. */
  detail?: string;
}

/** One named condition of readiness. */
export type ReadinessCheck = () => Promise<CheckResult> | CheckResult;

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
  /** What a worker measured of the pipeline, for the operator reading `/ready`. */
  pipeline?: { backlogs: QueueBacklog[]; dataAges: DataAge[] };
}

/** How long one check may take before it counts as failed; a Kubernetes probe gives the whole answer 2 s. */
export const CHECK_TIMEOUT_MS = 1000;

/**
 * Runs every check at once, each under `timeoutMs`; the process is ready when all pass. A check that
 * throws or runs out of time fails with the error's message.
 */
export async function assessReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      try {
        return [name, await withTimeout(Promise.resolve().then(check), timeoutMs, `the ${name} check`)];
      } catch (error) {
        return [name, { ok: false, detail: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
  return { ready: results.every(([, result]) => result.ok), checks: Object.fromEntries(results) };
}

/**
 * A dependency answers: `answers` is redisAnswersPing or databaseAnswers (or alike) bound to a connection,
 * given the time it may take.
 */
export function dependencyCheck(
  what: string,
  answers: (timeoutMs: number) => Promise<boolean>,
  timeoutMs = CHECK_TIMEOUT_MS,
): ReadinessCheck {
  return async () =>
    (await answers(timeoutMs))
      ? { ok: true }
      : { ok: false, detail: `${what} did not answer within ${timeoutMs} ms` };
}
