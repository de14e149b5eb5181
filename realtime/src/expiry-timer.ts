/** setTimeout's longest delay (2^31 − 1 ms, about 24.8 days): a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onExpired` once `expiresAt` has passed by `now` (at once if it already has); an expiry beyond
 * the longest timer is reached in several steps. Returns a function that cancels it.
 */
export function atExpiry(expiresAt: Date, now: () => Date, onExpired: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const remainingMs = expiresAt.getTime() - now().getTime();
    if (remainingMs <= 0) onExpired();
    else timer = setTimeout(check, Math.min(remainingMs, MAX_TIMER_MS));
  };
  check();
  return () => clearTimeout(timer);
}
