'use client';

import { useSyncExternalStore } from 'react';
import { parseMarketChoice, type MarketChoice } from './market-choice';

const STORAGE_KEY = 'deltastream.dashboard.market-choice';

/**
 * This tab's choice: read from localStorage once per page load, then kept here and written through.
 * Another tab's later choice applies to the next page load, never to a tab the trader is looking at.
 */
let tabChoice: MarketChoice | undefined;
const listeners = new Set<() => void>();

function storedChoice(): MarketChoice {
  if (tabChoice === undefined) {
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(STORAGE_KEY);
    } catch {
      // Storage switched off: the choice lives as long as the tab.
    }
    tabChoice = parseMarketChoice(stored);
  }
  return tabChoice;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changeChoice(change: (choice: MarketChoice) => MarketChoice): void {
  tabChoice = change(storedChoice());
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(tabChoice));
  } catch {
    // Full or switched off: remembered in this tab only.
  }
  listeners.forEach((listener) => listener());
}

/**
 * The product and expiries the trader last chose in this browser, and a way to change them. Null on the
 * server and while hydrating: the browser's storage is not known there.
 */
export function useMarketChoice(): [MarketChoice | null, typeof changeChoice] {
  return [useSyncExternalStore(subscribe, storedChoice, () => null), changeChoice];
}
