'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadLetterEntry, QueueOverview } from '@deltastream/bus/queue-admin';
import { apiFetch } from '../../../client/api';

interface QueuesResponse {
  queues: QueueOverview[];
  dead_letters: { total: number; entries: DeadLetterEntry[] };
}

const QUEUES_KEY = ['admin', 'queues'] as const;
const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/** Polls the queues every two seconds; retry and purge act on the dead-letter queue. */
export function QueueMonitor() {
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: QUEUES_KEY,
    queryFn: () => apiFetch<QueuesResponse>('/api/admin/queues'),
    refetchInterval: 2_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: QUEUES_KEY });
  const retry = useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/admin/queues/dead-letter/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
    onSettled: refresh,
  });
  const purge = useMutation({
    mutationFn: () => apiFetch('/api/admin/queues/dead-letter', { method: 'DELETE' }),
    onSettled: refresh,
  });

  if (overview.error) return <p className="text-red-400">{overview.error.message}</p>;
  if (!overview.data) return <p className="text-slate-400">Loading…</p>;
  const { queues, dead_letters: deadLetters } = overview.data;

  return (
    <div className="space-y-8">
      <table className="w-full text-sm" data-testid="queue-counts">
        <thead className="text-left text-slate-400">
          <tr>
            <th className="py-2">queue</th>
            {STATES.map((state) => (
              <th key={state} className="py-2 text-right">
                {state}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.name} className="border-t border-slate-800" data-queue={queue.name}>
              <td className="py-2 font-mono">{queue.name}</td>
              {STATES.map((state) => (
                <td key={state} className="py-2 text-right tabular-nums">
                  {queue.counts[state].toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <section>
        <div className="mb-3 flex items-center justify-between">
          <h2 className="font-medium">
            Dead-lettered jobs <span className="text-slate-400">({deadLetters.total})</span>
          </h2>
          <button
            type="button"
            disabled={deadLetters.total === 0 || purge.isPending}
            onClick={() => {
              if (window.confirm(`Drop all ${deadLetters.total} dead-lettered jobs?`)) purge.mutate();
            }}
            className="rounded border border-red-800 px-3 py-1 text-sm text-red-300 hover:bg-red-950 disabled:opacity-40"
          >
            Purge all
          </button>
        </div>
        {(retry.error ?? purge.error) && (
          <p className="mb-2 text-sm text-red-400">{(retry.error ?? purge.error)?.message}</p>
        )}
        <ul className="space-y-2" data-testid="dead-letters">
          {deadLetters.entries.map((entry) => (
            <li key={entry.id} className="rounded-lg border border-slate-800 bg-slate-900/60 p-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono text-slate-300">
                  {entry.queue} · {entry.job_id}
                </span>
                <span className="text-slate-400">
                  {entry.attempts_made} attempts · failed {new Date(entry.failed_at).toLocaleString()}
                </span>
                <button
                  type="button"
                  onClick={() => retry.mutate(entry.id)}
                  className="rounded border border-sky-700 px-2 py-0.5 text-sky-300 hover:bg-sky-950"
                >
                  Retry
                </button>
              </div>
              <p className="mt-1 font-mono text-red-300">{entry.error}</p>
            </li>
          ))}
          {deadLetters.entries.length === 0 && (
            <li className="text-slate-500">None: every job succeeded or is retrying.</li>
          )}
        </ul>
      </section>
    </div>
  );
}
