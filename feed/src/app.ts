import type { Logger } from '@deltastream/bus/logger';
import type { Product } from '@deltastream/core/schemas';
import { nextStepAtMs, stepTimes, type FeedRates } from '@deltastream/simulator/sequence';
import {
  createMarketSimulator,
  type SimulatorOutput,
  type StoredMarket,
} from '@deltastream/simulator/simulator';
import type { Registry } from 'prom-client';
import { createPublisher, type FeedQueues } from './publisher';
import type { Recorder } from './recording';

export interface FeedDeps {
  products: readonly Product[];
  queues: FeedQueues;
  seed: number;
  rates: FeedRates;
  /** The stored market to continue from after a restart (stored-market.ts); the catalogue when absent. */
  continueFrom?: StoredMarket;
  logger: Logger;
  registry: Registry;
  /** Epoch milliseconds for the live loop; default Date.now. */
  clock?: () => number;
  /** Appends everything the simulator emits (FEED_RECORD_FILE). */
  recorder?: Recorder;
  tickBatchWindowMs?: number;
}

export interface Feed {
  /** Steps on the real clock at every tick and chain boundary until stop(). */
  start(): void;
  /** Ends the loop, waits for the step in flight, enqueues buffered ticks and closes the recorder. */
  stop(): Promise<void>;
  /** Simulates, records and enqueues what falls due at `nowMs`. */
  step(nowMs: number): Promise<SimulatorOutput>;
  /**
   * Steps at every boundary in [startMs, startMs + durationMs) on a virtual clock, then enqueues the
   * buffered ticks: the deterministic run that tests and the sample recording use.
   */
  runFor(startMs: number, durationMs: number): Promise<SimulatorOutput>;
}

/** The simulated market feed: simulator → recorder → queues. */
export function createFeed(deps: FeedDeps): Feed {
  const { queues, registry, rates, recorder, logger, clock = Date.now } = deps;
  const simulator = createMarketSimulator({
    products: deps.products,
    seed: deps.seed,
    rates,
    continueFrom: deps.continueFrom,
  });
  const publisher = createPublisher({ queues, registry, tickBatchWindowMs: deps.tickBatchWindowMs });
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function step(nowMs: number): Promise<SimulatorOutput> {
    const output = simulator.advance(nowMs);
    await recorder?.append(output.ticks, output.chains);
    await publisher.publish(output.ticks, output.chains, nowMs);
    return output;
  }

  function scheduleNext(): void {
    if (!running) return;
    const nowMs = clock();
    timer = setTimeout(loopStep, nextStepAtMs(nowMs, rates) - nowMs);
  }

  // Steps run one after another: while Redis is slow the next waits, and the simulator catches up in
  // one step of the right length (GBM is exact for any Δt).
  function loopStep(): void {
    inFlight = step(clock())
      .catch((error: unknown) => logger.error({ err: error }, 'feed step failed'))
      .finally(scheduleNext);
  }

  return {
    start() {
      if (running) return;
      running = true;
      logger.info(
        { products: deps.products.map((p) => p.symbol), seed: deps.seed, rates },
        'simulator started',
      );
      loopStep();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
      await publisher.flush();
      await recorder?.close();
    },
    step,
    async runFor(startMs, durationMs) {
      const all: SimulatorOutput = { ticks: [], chains: [] };
      for (const nowMs of stepTimes(startMs, durationMs, rates)) {
        const output = await step(nowMs);
        all.ticks.push(...output.ticks);
        all.chains.push(...output.chains);
      }
      await publisher.flush();
      return all;
    },
  };
}
