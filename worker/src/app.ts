import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Logger } from '@deltastream/bus/logger';
import {
  backlogVerdict,
  QUEUE_DATA_KIND,
  readDataAges,
  readQueueBacklogWithin,
  type PipelineBounds,
  type QueueBacklog,
} from '@deltastream/bus/pipeline-health';
import { createPipelineMetrics } from '@deltastream/bus/pipeline-metrics';
import {
  closeMarketQueues,
  createMarketQueues,
  JOB_NAMES,
  QUEUES,
  type ChainJob,
  type MarketQueueName,
  type TickBatchJob,
} from '@deltastream/bus/queues';
import {
  assessReadiness,
  CHECK_TIMEOUT_MS,
  dependencyCheck,
  type CheckResult,
  type Readiness,
} from '@deltastream/bus/readiness';
import { redisAnswersPing } from '@deltastream/bus/redis';
import type { WorkerQueue } from '@deltastream/bus/worker-env';
import { createWorkerMetrics } from '@deltastream/bus/worker-metrics';
import { withTimeout } from '@deltastream/core/async';
import type { Product } from '@deltastream/core/schemas';
import { databaseAnswers, type Db } from '@deltastream/db/client';
import { pruneHistory } from '@deltastream/db/queries';
import { createAlertEvaluator } from './alerts/alert-evaluator';
import { deadLetter, isFinalFailure, toDeadLetter } from './dead-letter';
import { createChainWriter, createTickWriter } from './writers';
import { createRecentSnapshots, PredecessorPendingError, processChain } from './process-chain';
import { createSessionBases } from './session-bases';
import { createProcessedDataRecorder } from './processed-data';
import { processTicks, storedCandles } from './process-ticks';
import { createVolatilityHistory } from './volatility-history';

export interface WorkerAppDeps {
  db: Db;
  /** Command connection: cache reads/writes and publishing. */
  redis: Redis;
  /** BullMQ connection (`maxRetriesPerRequest: null`); BullMQ duplicates it for blocking reads. */
  connection: ConnectionOptions;
  products: ReadonlyMap<string, Product>;
  logger: Logger;
  registry: Registry;
  /** The market queues to consume; default both. */
  queues?: readonly WorkerQueue[];
  chainConcurrency: number;
  tickConcurrency: number;
  retentionDays: number;
  /** The deployment's Redis namespace (REDIS_PREFIX), BullMQ's prefix; tests pass a unique one. */
  prefix: string;
  now?: () => Date;
  /** How long a job's lock lives; a crashed worker's jobs are re-queued after this (BullMQ stalled check). */
  lockDurationMs?: number;
  predecessorWaitMs?: number;
  /** When readiness fails on a consumed queue's backlog (WORKER_STALE_DATA_SECONDS, WORKER_MAX_QUEUE_BACKLOG). */
  bounds: PipelineBounds;
  /** How stale this process's copy of a product's alerts may be; default ACTIVE_ALERTS_MAX_AGE_MS (1 s). */
  activeAlertsMaxAgeMs?: number;
}

const HOUR_MS = 3_600_000;
const PREDECESSOR_RETRY_MS = 20;

/**
 * The worker tier: one BullMQ worker per market queue plus a scheduled retention job. Stored ticks and
 * chains also feed users' alerts (alerts/alert-evaluator.ts), chains the volatility history
 * (volatility-history.ts). Final failures are copied to the dead-letter
 * queue with their error.
 */
export function createWorkerApp(deps: WorkerAppDeps) {
  const now = deps.now ?? (() => new Date());
  const base = { connection: deps.connection, prefix: deps.prefix };
  const queues = createMarketQueues(deps.connection, deps.prefix);
  const maintenance = new Queue(QUEUES.maintenance, base);
  const metrics = createWorkerMetrics(deps.registry);
  createPipelineMetrics(deps.registry, {
    redis: deps.redis,
    marketQueues: [queues.ticks, queues.chains],
    countedQueues: [queues.ticks, queues.chains, queues.deadLetter],
    products: [...deps.products.keys()],
  });
  const processed = createProcessedDataRecorder(deps.redis, deps.logger);
  const processorDeps = {
    db: deps.db,
    redis: deps.redis,
    chainWriter: createChainWriter(deps.db),
    tickWriter: createTickWriter(deps.db, storedCandles(deps.products)),
    recentSnapshots: createRecentSnapshots(),
    sessionBases: createSessionBases(deps.db),
    sessionOpens: new Map<string, number>(),
    products: deps.products,
    now,
    predecessorWaitMs: deps.predecessorWaitMs,
  };
  const volatilityHistory = createVolatilityHistory(deps);
  const alerts = createAlertEvaluator({ ...deps, metrics, now });
  const lock = deps.lockDurationMs
    ? { lockDuration: deps.lockDurationMs, stalledInterval: Math.max(500, deps.lockDurationMs / 2) }
    : {};

  function observe(queue: MarketQueueName, job: Job, product: string, outcome: 'inserted' | 'duplicate') {
    processed.note(QUEUE_DATA_KIND[queue], product, job.timestamp);
    metrics.jobs.inc({ queue, outcome });
    if (job.processedOn) metrics.jobDuration.observe({ queue }, (Date.now() - job.processedOn) / 1000);
    if (outcome === 'inserted') metrics.eventLatency.observe({ queue }, (Date.now() - job.timestamp) / 1000);
  }

  const chainWorker = new Worker(
    QUEUES.chains,
    async (job, token) => {
      try {
        const { status, chain } = await processChain(processorDeps, job.data, job.timestamp);
        observe(QUEUES.chains, job, (job.data as ChainJob).product, status);
        await alerts.afterChain(chain);
        await volatilityHistory.afterChain(chain);
        return status;
      } catch (error) {
        if (!(error instanceof PredecessorPendingError)) throw error;
        // Parks the job briefly without spending one of its attempts (BullMQ "process step jobs").
        await job.moveToDelayed(Date.now() + PREDECESSOR_RETRY_MS, token);
        throw new DelayedError();
      }
    },
    { ...base, ...lock, concurrency: deps.chainConcurrency, autorun: false },
  );
  const tickWorker = new Worker(
    QUEUES.ticks,
    async (job) => {
      const { inserted, ticks } = await processTicks(processorDeps, job.data);
      const product = (job.data as TickBatchJob).ticks[0]?.product ?? '';
      observe(QUEUES.ticks, job, product, inserted > 0 ? 'inserted' : 'duplicate');
      await alerts.afterTicks(ticks);
      return inserted;
    },
    { ...base, ...lock, concurrency: deps.tickConcurrency, autorun: false },
  );
  const maintenanceWorker = new Worker(
    QUEUES.maintenance,
    async () => {
      const pruned = await pruneHistory(deps.db, {
        olderThan: new Date(now().getTime() - deps.retentionDays * 24 * HOUR_MS),
      });
      deps.logger.info({ pruned, retentionDays: deps.retentionDays }, 'history pruned');
      return pruned;
    },
    { ...base, concurrency: 1, autorun: false },
  );

  const consumed = new Set<WorkerQueue>(deps.queues ?? ['chains', 'ticks']);
  const marketWorkers = [
    ...(consumed.has('chains') ? [chainWorker] : []),
    ...(consumed.has('ticks') ? [tickWorker] : []),
  ];
  const consumedQueues = [
    ...(consumed.has('chains') ? [queues.chains] : []),
    ...(consumed.has('ticks') ? [queues.ticks] : []),
  ];
  for (const worker of marketWorkers) {
    worker.on('failed', (job, error) => {
      if (!job) return;
      const log = deps.logger.child({ queue: worker.name, jobId: job.id });
      if (!isFinalFailure(job, error)) {
        log.warn({ err: error, attemptsMade: job.attemptsMade }, 'job failed, will retry');
        return;
      }
      metrics.jobs.inc({ queue: worker.name, outcome: 'failed' });
      metrics.deadLettered.inc({ queue: worker.name });
      log.error({ err: error }, 'job failed for good, dead-lettered');
      deadLetter(queues.deadLetter, toDeadLetter(worker.name, job, error, now())).catch((dlqError: unknown) =>
        log.error({ err: dlqError }, 'could not write the dead-letter entry'),
      );
    });
    worker.on('error', (error) => deps.logger.error({ err: error, queue: worker.name }, 'worker error'));
  }

  let running = false;

  /**
   * Ready when this process consumes, Redis and PostgreSQL answer, and every queue it consumes is kept up
   * with (pipeline-health.ts backlogVerdict). The queues are shared, so every replica gives the same
   * verdict on them: a fresh replica facing a backlog above the bound is not ready until the backlog
   * is back under it.
   */
  async function readiness(): Promise<Readiness> {
    const nowMs = Date.now();
    const backlogs = Promise.allSettled(
      consumedQueues.map((queue) => readQueueBacklogWithin(queue, nowMs, CHECK_TIMEOUT_MS)),
    );
    const dataAges = withTimeout(readDataAges(deps.redis, nowMs), CHECK_TIMEOUT_MS, 'Redis').catch(() => []);
    const queueCheck = (index: number) => async (): Promise<CheckResult> => {
      const backlog = (await backlogs)[index];
      if (backlog?.status === 'fulfilled') return backlogVerdict(backlog.value, deps.bounds);
      return { ok: false, detail: String((backlog?.reason as Error | undefined)?.message) };
    };
    const assessed = await assessReadiness({
      consuming: () =>
        running ? { ok: true } : { ok: false, detail: 'not consuming: starting or shutting down' },
      redis: dependencyCheck('Redis', (timeoutMs) => redisAnswersPing(deps.redis, timeoutMs)),
      postgres: dependencyCheck('PostgreSQL', (timeoutMs) => databaseAnswers({ db: deps.db }, timeoutMs)),
      ...Object.fromEntries(consumedQueues.map((queue, index) => [queue.name, queueCheck(index)])),
    });
    const measured = (await backlogs).flatMap((result): QueueBacklog[] =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    return { ...assessed, pipeline: { backlogs: measured, dataAges: await dataAges } };
  }

  return {
    metrics,
    queues,
    async start() {
      await maintenance.upsertJobScheduler(
        JOB_NAMES.pruneHistory,
        { every: HOUR_MS },
        { name: JOB_NAMES.pruneHistory },
      );
      // Following other replicas' alert state changes before taking any job.
      await alerts.start();
      for (const worker of [...marketWorkers, maintenanceWorker]) {
        void worker
          .run()
          .catch((error: unknown) => deps.logger.error({ err: error, queue: worker.name }, 'worker stopped'));
      }
      processed.start();
      running = true;
      deps.logger.info(
        {
          queues: [...consumed],
          chainConcurrency: deps.chainConcurrency,
          tickConcurrency: deps.tickConcurrency,
        },
        'worker consuming',
      );
    },
    /** Stops taking jobs, waits for the active ones to finish (BullMQ `close`) and records what they did. */
    async stop() {
      running = false;
      await Promise.all([chainWorker.close(), tickWorker.close(), maintenanceWorker.close()]);
      alerts.stop();
      await processed
        .stop()
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not record processed data'));
      await Promise.all([closeMarketQueues(queues), maintenance.close()]);
    },
    readiness,
  };
}
export type WorkerApp = ReturnType<typeof createWorkerApp>;
