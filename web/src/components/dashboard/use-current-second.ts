'use client';

import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Now, truncated to the second: the same value for every reader within a second, so renders agree. */
const currentSecondMs = () => Math.floor(Date.now() / 1000) * 1000;

/** One timer for every reader, fired just after each second turns, while anyone reads. */
function tick() {
  timer = setTimeout(
    () => {
      listeners.forEach((listener) => listener());
      tick();
    },
    1000 - (Date.now() % 1000) + 5,
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) tick();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time in ms, renewed every second; null while rendering on the server and hydrating, so
 * the server's and the browser's first markup agree.
 */
export function useCurrentSecond(): number | null {
  return useSyncExternalStore(subscribe, currentSecondMs, () => null);
}
