import { describe, expect, it } from 'vitest';
import { backlogVerdict, type QueueBacklog } from './pipeline-health';

const bounds = { staleDataSeconds: 30, maxQueueBacklog: 100 };
const backlog = (state: Partial<QueueBacklog>): QueueBacklog => ({
  queue: 'market-chains',
  waiting: 0,
  delayed: 0,
  oldestWaitingSeconds: null,
  ...state,
});

describe('backlogVerdict', () => {
  it('passes an empty queue however long ago data last came: a closed market or a finished replay', () => {
    expect(backlogVerdict(backlog({}), bounds)).toEqual({
      ok: true,
      detail: 'market-chains: 0 waiting, 0 delayed',
    });
  });

  it('passes a queue the workers keep up with, up to both bounds', () => {
    expect(backlogVerdict(backlog({ waiting: 60, delayed: 40, oldestWaitingSeconds: 30 }), bounds)).toEqual({
      ok: true,
      detail: 'market-chains: 60 waiting, 40 delayed, oldest waiting 30.0 s',
    });
  });

  it('fails a backlog above its bound, waiting and delayed together', () => {
    expect(backlogVerdict(backlog({ waiting: 60, delayed: 41, oldestWaitingSeconds: 2 }), bounds)).toEqual({
      ok: false,
      detail:
        'market-chains: 101 jobs waiting or delayed, more than the bound of 100 (60 waiting, 41 delayed, oldest waiting 2.0 s)',
    });
  });

  it('fails when a job has waited longer than the stale-data bound, with one job or many', () => {
    expect(backlogVerdict(backlog({ waiting: 1, oldestWaitingSeconds: 30.5 }), bounds)).toEqual({
      ok: false,
      detail:
        'market-chains: a job has waited 30.5 s, longer than the bound of 30 s: its data is stale (1 waiting, 0 delayed, oldest waiting 30.5 s)',
    });
    const both = backlogVerdict(backlog({ waiting: 4915, oldestWaitingSeconds: 136 }), bounds);
    expect(both.ok).toBe(false);
    expect(both.detail).toContain(
      '4915 jobs waiting or delayed, more than the bound of 100; a job has waited 136.0 s',
    );
  });
});
