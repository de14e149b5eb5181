'use client';

import { useCallback, useEffect, useState } from 'react';
import type { FiredAlert } from '@deltastream/core/alerts';

/** How long a toast stays unless dismissed: long enough to read, short enough not to pile up. */
export const TOAST_VISIBLE_MS = 10_000;
/** At most this many at once; an older one gives way to a new one. */
const MAX_TOASTS = 4;

/** The toasts on screen, newest first, and how to add and remove one. */
export function useAlertToasts() {
  const [toasts, setToasts] = useState<FiredAlert[]>([]);
  const show = useCallback((alert: FiredAlert) => {
    setToasts((shown) =>
      shown.some((toast) => toast.id === alert.id) ? shown : [alert, ...shown].slice(0, MAX_TOASTS),
    );
  }, []);
  const dismiss = useCallback((id: string) => {
    setToasts((shown) => shown.filter((toast) => toast.id !== id));
  }, []);
  return { toasts, show, dismiss };
}

/**
 * Fired alerts, top right, over the page: each a polite live region (`role="status"`), so a screen reader
 * reads it without taking the focus away from what the trader is doing.
 */
export function AlertToasts({
  toasts,
  onDismiss,
}: {
  toasts: FiredAlert[];
  onDismiss: (id: string) => void;
}) {
  return (
    <div
      data-testid="alert-toasts"
      className="pointer-events-none fixed top-2 right-2 z-50 flex w-[min(24rem,calc(100vw-1rem))] flex-col gap-2"
    >
      {toasts.map((toast) => (
        <AlertToast key={toast.id} alert={toast} onDismiss={onDismiss} />
      ))}
    </div>
  );
}

function AlertToast({ alert, onDismiss }: { alert: FiredAlert; onDismiss: (id: string) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(alert.id), TOAST_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [alert.id, onDismiss]);
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="alert-toast"
      data-alert-id={alert.alert_id}
      className="pointer-events-auto flex items-start gap-3 rounded-lg border border-amber-500/60 bg-slate-900/95 px-3 py-2 text-sm text-slate-100 shadow-lg shadow-black/40"
    >
      <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-amber-400" />
      <div className="min-w-0 flex-1">
        <div className="text-xs font-semibold tracking-wider text-amber-300 uppercase">
          Alert · {alert.product}
        </div>
        <div data-testid="alert-toast-message" className="break-words">
          {alert.message}
        </div>
        {alert.note && <div className="mt-0.5 text-xs break-words text-slate-400">{alert.note}</div>}
      </div>
      <button
        type="button"
        aria-label="Dismiss alert"
        data-testid="alert-toast-dismiss"
        onClick={() => onDismiss(alert.id)}
        className="-mr-1 rounded px-1.5 text-lg leading-none text-slate-400 hover:text-slate-100"
      >
        ×
      </button>
    </div>
  );
}
