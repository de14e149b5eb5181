/**
 * HTTP load for the benchmarks, on node:http keep-alive connections (no load-testing package).
 *
 *   open loop:   requests leave on a fixed schedule whatever the server does, and latency runs from the
 *                scheduled instant, not from the moment the request got a connection: a server that
 *                stalls shows as latency instead of quietly slowing the load down (coordinated omission).
 *   closed loop: each connection sends its next request when the previous answer has arrived; the
 *                rate it settles at is the server's maximum throughput.
 *
 * Both can be spread over several processes (`slot` of `slots`, one shared start instant), so the load
 * generator does not share an event loop with anything else.
 */
import { Agent, request } from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface HttpTarget {
  /** One URL per server process (as pods behind a load balancer), taken in turn. */
  urls: string[];
  headers?: Record<string, string>;
}

/** A response: its body decoded, and its size as sent. */
interface Answer {
  status: number;
  body: Buffer;
  wireBytes: number;
}

/** `null` when the response is right, else what is wrong with it (the first one is reported). */
export type ResponseCheck = (status: number, body: Buffer) => string | null;

export interface LoadResult {
  /** Latency of each correct response in the measured window. */
  latenciesMs: number[];
  /** When each of them was due (open loop) or sent (closed loop), epoch ms: for timelines. */
  sentAtEpochMs: number[];
  /** Correct responses in the measured window. */
  completed: number;
  /** Failed requests, wrong statuses and wrong bodies in the measured window. */
  errors: number;
  firstError: string | null;
  /** Body bytes of the correct responses as sent (compressed when the server compressed them). */
  bytes: number;
  /** From the start of the measured window to its last answer (open loop) or its end (closed loop). */
  measuredSeconds: number;
}

export interface LoadWindow {
  warmupSeconds: number;
  seconds: number;
  /** Epoch milliseconds at which every process starts its schedule. */
  startAtEpochMs: number;
  check: ResponseCheck;
  /** A request that has not been answered by then counts as an error (default 10 s). */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keep-alive connections. An idle connection is dropped by the client before the server's keep-alive
 * timeout (Node's default 5 s) can close it: otherwise a request sent as the server closes the connection
 * fails with ECONNRESET (nodejs/node#47130). Node's agent only honours the server's `Keep-Alive: timeout`
 * hint when `timeout` is set, hence the explicit one.
 */
function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, timeout: 4_000 });
}

function send(agent: Agent, url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          try {
            // As a script's HTTP library does when it sent Accept-Encoding: gzip.
            const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire;
            resolve({ status: res.statusCode ?? 0, body, wireBytes: wire.length });
          } catch (error) {
            reject(error as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function createRecorder() {
  const result: LoadResult = {
    latenciesMs: [],
    sentAtEpochMs: [],
    completed: 0,
    errors: 0,
    firstError: null,
    bytes: 0,
    measuredSeconds: 0,
  };
  return {
    result,
    ok(sentAt: number, answeredAt: number, bytes: number) {
      result.latenciesMs.push(answeredAt - sentAt);
      result.sentAtEpochMs.push(sentAt + performance.timeOrigin);
      result.completed += 1;
      result.bytes += bytes;
    },
    error(message: string) {
      result.errors += 1;
      result.firstError ??= message;
    },
  };
}

/** The performance.now() instant of an epoch instant, so processes share one schedule. */
function performanceInstant(epochMs: number): number {
  return performance.now() + (epochMs - Date.now());
}

/**
 * `ratePerSecond` in total over `slots` processes; this one sends requests slot, slot + slots, … of the
 * schedule. Requests due in the warm-up are sent and discarded.
 */
export async function openLoop(
  target: HttpTarget,
  window: LoadWindow & { ratePerSecond: number; slot?: number; slots?: number; maxSockets?: number },
): Promise<LoadResult> {
  const { ratePerSecond, slot = 0, slots = 1, maxSockets = 64, timeoutMs = 10_000 } = window;
  const urls = target.urls.map((url) => new URL(url));
  const headers = target.headers ?? {};
  // Requests beyond maxSockets (per server) wait for a connection; that wait is part of their latency.
  const agent = keepAliveAgent(maxSockets);
  const recorder = createRecorder();
  const start = performanceInstant(window.startAtEpochMs);
  const measureFrom = start + window.warmupSeconds * 1000;
  const total = Math.floor((window.warmupSeconds + window.seconds) * ratePerSecond);
  let lastAnswer = measureFrom;
  const pending: Promise<void>[] = [];
  for (let i = slot; i < total; i += slots) {
    const due = start + (i * 1000) / ratePerSecond;
    // Never early; a late wake-up (timers have ~1 ms resolution) is charged to the request's latency.
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const measured = due >= measureFrom;
    pending.push(
      send(agent, urls[i % urls.length]!, headers, timeoutMs).then(
        ({ status, body, wireBytes }) => {
          if (!measured) return;
          const answeredAt = performance.now();
          lastAnswer = Math.max(lastAnswer, answeredAt);
          const problem = window.check(status, body);
          if (problem === null) recorder.ok(due, answeredAt, wireBytes);
          else recorder.error(problem);
        },
        (error: Error) => {
          if (measured) recorder.error(error.message);
        },
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  recorder.result.measuredSeconds = (lastAnswer - measureFrom) / 1000;
  return recorder.result;
}

/** `concurrency` connections, each with one request in flight at a time; answers in the window count. */
export async function closedLoop(
  target: HttpTarget,
  window: LoadWindow & { concurrency: number },
): Promise<LoadResult> {
  const { concurrency, timeoutMs = 10_000 } = window;
  const urls = target.urls.map((url) => new URL(url));
  const headers = target.headers ?? {};
  const agent = keepAliveAgent(concurrency);
  const recorder = createRecorder();
  const start = performanceInstant(window.startAtEpochMs);
  const measureFrom = start + window.warmupSeconds * 1000;
  const end = measureFrom + window.seconds * 1000;
  const wait = start - performance.now();
  if (wait > 0) await sleep(wait);
  const connection = async (url: URL) => {
    while (performance.now() < end) {
      const sentAt = performance.now();
      try {
        const { status, body, wireBytes } = await send(agent, url, headers, timeoutMs);
        const answeredAt = performance.now();
        if (answeredAt < measureFrom || answeredAt >= end) continue;
        const problem = window.check(status, body);
        if (problem === null) recorder.ok(sentAt, answeredAt, wireBytes);
        else recorder.error(problem);
      } catch (error) {
        const failedAt = performance.now();
        if (failedAt >= measureFrom && failedAt < end) recorder.error((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => connection(urls[i % urls.length]!)));
  agent.destroy();
  recorder.result.measuredSeconds = window.seconds;
  return recorder.result;
}

/** The results of several load processes as one. */
export function mergeLoadResults(results: readonly LoadResult[]): LoadResult {
  return {
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    sentAtEpochMs: results.flatMap((r) => r.sentAtEpochMs),
    completed: results.reduce((n, r) => n + r.completed, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    firstError: results.find((r) => r.firstError !== null)?.firstError ?? null,
    bytes: results.reduce((n, r) => n + r.bytes, 0),
    measuredSeconds: Math.max(...results.map((r) => r.measuredSeconds)),
  };
}

/**
 * Polls `url` until it answers 200. Fails at once when `exited` settles first (the server died on
 * start, e.g. on a configuration error it has printed), or after `timeoutMs`.
 */
export async function waitForHttpOk(
  url: string,
  { timeoutMs = 30_000, exited }: { timeoutMs?: number; exited?: Promise<unknown> } = {},
): Promise<void> {
  let gone = false;
  void exited?.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server behind ${url} exited before it answered`);
    const ok = await fetch(url)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}
