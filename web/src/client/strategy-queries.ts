'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Strategy } from '@deltastream/core/strategy';
import type {
  SaveStrategyRequest,
  SavedStrategyJson,
  SavedStrategyListResponse,
  StrategyPresetRequest,
} from '../contracts/strategies';
import { apiFetch } from './api';
import { strategyKeys } from './query-keys';

/** The saved strategies' live P&L moves with the market: the list is re-read this often. */
const SAVED_REFRESH_MS = 5_000;

export function useSavedStrategies() {
  return useQuery({
    queryKey: strategyKeys.list(),
    queryFn: () => apiFetch<SavedStrategyListResponse>('/api/strategies'),
    refetchInterval: SAVED_REFRESH_MS,
  });
}

export function useSaveStrategy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveStrategyRequest) =>
      apiFetch<SavedStrategyJson>('/api/strategies', { method: 'POST', body: JSON.stringify(request) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: strategyKeys.all }),
  });
}

export function useDeleteStrategy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/strategies/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: strategyKeys.all }),
  });
}

/** A preset's legs, built by the server from the latest chains (POST /api/strategies/preset). */
export function fetchPreset(request: StrategyPresetRequest): Promise<Strategy> {
  return apiFetch<Strategy>('/api/strategies/preset', { method: 'POST', body: JSON.stringify(request) });
}
