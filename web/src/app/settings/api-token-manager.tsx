'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@deltastream/auth/rules';
import { apiFetch } from '../../client/api';
import type { ApiTokenJson } from '../../contracts/accounts';

const SCOPE_LABELS: Record<ApiTokenScope, string> = {
  'read:market': 'REST market data and analytics',
  'read:stream': 'Live stream (realtime gateway)',
};

const TOKENS_KEY = ['api-tokens'] as const;

const formatInstant = (value: string | null) => (value ? new Date(value).toLocaleString() : '—');

/** Lists, creates and revokes the user's API tokens; a new token's secret is shown once. */
export function ApiTokenManager() {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => apiFetch<{ tokens: ApiTokenJson[] }>('/api/tokens'),
  });
  const create = useMutation({
    mutationFn: (input: { name: string; scopes: string[]; expires_in_days?: number }) =>
      apiFetch<ApiTokenJson & { token: string }>('/api/tokens', {
        method: 'POST',
        body: JSON.stringify(input),
      }),
    onSuccess: (created) => {
      setSecret({ name: created.name, token: created.token });
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = Number(form.get('expires_in_days'));
    create.mutate({
      name: String(form.get('name')),
      scopes: form.getAll('scopes').map(String),
      ...(days > 0 ? { expires_in_days: days } : {}),
    });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="rounded-lg border border-slate-800 bg-slate-900/60 p-4">
        <h2 className="mb-3 text-sm font-medium text-slate-300">New token</h2>
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="mb-1 block text-slate-400">Name</span>
            <input
              name="name"
              required
              maxLength={100}
              placeholder="e.g. research notebook"
              data-testid="token-name"
              className="w-64 rounded-md border border-slate-700 bg-slate-950 px-3 py-1.5"
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-400">Expires</span>
            <select
              name="expires_in_days"
              defaultValue="0"
              className="rounded-md border border-slate-700 bg-slate-950 px-2 py-1.5"
            >
              <option value="0">never</option>
              <option value="7">in 7 days</option>
              <option value="30">in 30 days</option>
              <option value="365">in a year</option>
            </select>
          </label>
          <fieldset className="flex gap-3 text-sm">
            {API_TOKEN_SCOPES.map((scope) => (
              <label
                key={scope}
                className="flex items-center gap-1 text-slate-300"
                title={SCOPE_LABELS[scope]}
              >
                <input type="checkbox" name="scopes" value={scope} defaultChecked />
                {scope}
              </label>
            ))}
          </fieldset>
          <button
            type="submit"
            disabled={create.isPending}
            data-testid="token-create"
            className="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-60"
          >
            Create token
          </button>
        </div>
        {create.error && <p className="mt-2 text-sm text-red-400">{create.error.message}</p>}
      </form>

      {secret && (
        <div className="rounded-lg border border-amber-700 bg-amber-950/40 p-4 text-sm">
          <p className="mb-2 text-amber-200">
            Copy the token <strong>{secret.name}</strong> now: it is shown only once.
          </p>
          <div className="flex items-center gap-2">
            <code
              data-testid="token-secret"
              className="flex-1 overflow-x-auto rounded bg-slate-950 px-3 py-2 font-mono"
            >
              {secret.token}
            </code>
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(secret.token)}
              className="rounded-md border border-slate-600 px-3 py-1.5 hover:bg-slate-800"
            >
              Copy
            </button>
          </div>
        </div>
      )}

      <div className="overflow-x-auto rounded-lg border border-slate-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-900 text-slate-400">
            <tr>
              {['Name', 'Token', 'Scopes', 'Status', 'Created', 'Last used', 'Expires', ''].map((heading) => (
                <th key={heading} className="px-3 py-2 font-medium">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tokens.data?.tokens.map((token) => (
              <tr
                key={token.id}
                data-testid="token-row"
                data-status={token.status}
                className="border-t border-slate-800"
              >
                <td className="px-3 py-2">{token.name}</td>
                <td className="px-3 py-2 font-mono text-slate-400">{token.prefix}…</td>
                <td className="px-3 py-2 text-slate-400">{token.scopes.join(', ')}</td>
                <td
                  className={`px-3 py-2 ${token.status === 'active' ? 'text-emerald-400' : 'text-slate-500'}`}
                >
                  {token.status}
                </td>
                <td className="px-3 py-2 text-slate-400">{formatInstant(token.created_at)}</td>
                <td className="px-3 py-2 text-slate-400">{formatInstant(token.last_used_at)}</td>
                <td className="px-3 py-2 text-slate-400">{formatInstant(token.expires_at)}</td>
                <td className="px-3 py-2 text-right">
                  {token.status === 'active' && (
                    <button
                      type="button"
                      data-testid="token-revoke"
                      onClick={() => revoke.mutate(token.id)}
                      className="rounded border border-red-800 px-2 py-0.5 text-red-300 hover:bg-red-950"
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {tokens.data?.tokens.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  No tokens yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {tokens.error && <p className="p-3 text-sm text-red-400">{tokens.error.message}</p>}
      </div>
    </div>
  );
}
