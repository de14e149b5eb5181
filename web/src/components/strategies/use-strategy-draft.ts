'use client';

import { useCallback, useState } from 'react';
import type { StrategyLeg } from '@deltastream/core/strategy';
import { emptyDraft, withLeg, withLegAt, withoutLeg, type StrategyDraft } from './strategy-draft';

const NO_LEGS: readonly StrategyLeg[] = [];

/**
 * The builder's draft and its edits. A draft belongs to its product: with another product on screen it
 * shows no legs, and the first edit there starts a new draft. `load` puts a whole strategy (a preset's or
 * a saved one) in its place.
 */
export function useStrategyDraft(symbol: string | undefined) {
  const [draft, setDraft] = useState<StrategyDraft>(() => emptyDraft(''));
  const legs = draft.product === symbol ? draft.legs : NO_LEGS;

  const change = useCallback(
    (edit: (current: StrategyDraft) => StrategyDraft) =>
      setDraft((current) => edit(current.product === symbol ? current : emptyDraft(symbol ?? ''))),
    [symbol],
  );
  // Stable while the product is, so the builder's pick from the chain can be too.
  const addLeg = useCallback((leg: StrategyLeg) => change((current) => withLeg(current, leg)), [change]);

  return {
    draft,
    legs,
    addLeg,
    replaceLeg: (index: number, leg: StrategyLeg) => change((current) => withLegAt(current, index, leg)),
    removeLeg: (index: number) => change((current) => withoutLeg(current, index)),
    clear: () => setDraft(emptyDraft(symbol ?? '')),
    load: setDraft,
  };
}
