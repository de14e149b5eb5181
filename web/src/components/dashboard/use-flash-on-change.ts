'use client';

import { useEffect, useRef, type RefObject } from 'react';

/**
 * Briefly tints `ref`'s element green when `value` rises and red when it falls, compared with the value
 * last shown, and only when what is shown (`shown`) changes: a move in the fourth decimal of a number
 * shown with two is not news. A null `value` never flashes. The element needs the `flash-on-change` class: the tint is a CSS
 * animation of its ::after overlay's opacity (globals.css), which the compositor runs without
 * repainting the cell. Setting one data attribute starts it: no React render, no script per frame,
 * which keeps a chain that changes hundreds of cells a second cheap. The first value does not flash.
 */
export function useFlashOnChange(
  ref: RefObject<HTMLElement | null>,
  value: number | null | undefined,
  shown: string,
): void {
  const lastShown = useRef(value);
  // Runs when the text changes; `value` is then the one of the render that changed it.
  useEffect(() => {
    const before = lastShown.current;
    lastShown.current = value;
    const element = ref.current;
    if (!element || before == null || value == null || before === value) return;
    // Two identical animations, alternated: changing the animation's name restarts it, so a cell that
    // changes again mid-flash flashes again.
    const phase = element.dataset.flash?.endsWith('-a') ? 'b' : 'a';
    element.dataset.flash = `${value > before ? 'up' : 'down'}-${phase}`;
  }, [ref, shown]);
}
