/**
 * A value per key, loaded on first use and reloaded in the background once older than `maxAgeMs`: the
 * first caller of a key waits for its load, later callers get the held value at once (stale by at most
 * `maxAgeMs` plus one load) and never wait on PostgreSQL. Concurrent first callers share one load. A
 * failed background reload keeps the old value and is retried on the next call after `maxAgeMs`.
 */
export function createRefreshingCache<T>(options: {
  /** `previous` is the value held until now, if any. */
  load: (key: string, previous: T | undefined) => Promise<T>;
  maxAgeMs: number;
  nowMs?: () => number;
  onError: (key: string, error: unknown) => void;
}) {
  const nowMs = options.nowMs ?? Date.now;
  const held = new Map<string, { value: T; loadedAtMs: number }>();
  const loading = new Map<string, Promise<T>>();

  function reload(key: string): Promise<T> {
    const pending = loading.get(key);
    if (pending) return pending;
    const startedAtMs = nowMs();
    const load = options
      .load(key, held.get(key)?.value)
      .then((value) => {
        held.set(key, { value, loadedAtMs: startedAtMs });
        return value;
      })
      .finally(() => loading.delete(key));
    loading.set(key, load);
    return load;
  }

  return {
    async get(key: string): Promise<T> {
      const entry = held.get(key);
      if (!entry) return reload(key);
      if (nowMs() - entry.loadedAtMs > options.maxAgeMs && !loading.has(key)) {
        reload(key).catch((error: unknown) => {
          // Not retried before maxAgeMs: the held value stays in use meanwhile.
          entry.loadedAtMs = nowMs();
          options.onError(key, error);
        });
      }
      return entry.value;
    },
    /** The value held for `key`, without loading or refreshing it. */
    peek(key: string): T | undefined {
      return held.get(key)?.value;
    },
    /** Drops a key's value: the next call loads it again and waits for it. */
    invalidate(key: string): void {
      held.delete(key);
    },
  };
}
export type RefreshingCache<T> = ReturnType<typeof createRefreshingCache<T>>;
