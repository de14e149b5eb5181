'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert } from '@deltastream/core/alerts';
import type {
  AlertHistoryResponse,
  AlertListResponse,
  CreateAlertRequest,
  UpdateAlertRequest,
} from '../contracts/alerts';
import { apiFetch } from './api';
import { alertKeys } from './query-keys';

/** Firings shown on the dashboard: the most recent ones. */
export const DASHBOARD_HISTORY_LIMIT = 20;

export function useAlerts() {
  return useQuery({
    queryKey: alertKeys.list(),
    queryFn: () => apiFetch<AlertListResponse>('/api/alerts'),
  });
}

export function useAlertHistory() {
  return useQuery({
    queryKey: alertKeys.history(),
    queryFn: () => apiFetch<AlertHistoryResponse>(`/api/alerts/history?limit=${DASHBOARD_HISTORY_LIMIT}`),
  });
}

export function useCreateAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateAlertRequest) =>
      apiFetch<Alert>('/api/alerts', { method: 'POST', body: JSON.stringify(request) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.list() }),
  });
}

export function useUpdateAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateAlertRequest }) =>
      apiFetch<Alert>(`/api/alerts/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: JSON.stringify(change),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.list() }),
  });
}

export function useDeleteAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/alerts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
