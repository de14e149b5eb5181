/** Layout checks of the browser tests: boxes on screen, overlaps, and the dashboard header's controls. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const testId = (id: string) => `[data-testid="${id}"]`;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not displayed`);
  return box;
}

/** Boxes that share more than a subpixel of area. */
export const overlap = (a: Box, b: Box) =>
  a.x + 0.5 < b.x + b.width &&
  b.x + 0.5 < a.x + a.width &&
  a.y + 0.5 < b.y + b.height &&
  b.y + 0.5 < a.y + a.height;

export const withinX = (inner: Box, left: number, right: number) =>
  inner.x >= left - 0.5 && inner.x + inner.width <= right + 0.5;

/** Every displayed element of `locator`, with a label for messages and its box. */
export async function displayed(locator: Locator): Promise<{ label: string; box: Box }[]> {
  const found = [];
  for (const element of await locator.all()) {
    const box = await element.boundingBox();
    if (!box || box.width === 0 || box.height === 0) continue;
    const label = await element.evaluate(
      (node) =>
        node.getAttribute('data-testid') ?? node.getAttribute('class') ?? node.textContent ?? node.tagName,
    );
    found.push({ label, box });
  }
  return found;
}

/** The elements' pairs that overlap one another, named, so a failure says which. */
export function overlapping(elements: { label: string; box: Box }[]): string[] {
  return elements.flatMap((a, i) =>
    elements.slice(i + 1).flatMap((b) => (overlap(a.box, b.box) ? [`${a.label} ∩ ${b.label}`] : [])),
  );
}

/** The header's controls (links, pickers, buttons, price, status, clock) overlap none other, all on screen. */
export async function expectHeaderControlsApartOnScreen(page: Page, viewportWidth: number) {
  const controls = await displayed(
    page
      .locator(testId('dashboard-header'))
      .locator(
        `a, select, button, ${testId('underlying-price')}, ${testId('connection-status')}, ${testId('exchange-clock')}`,
      ),
  );
  expect(overlapping(controls)).toEqual([]);
  expect(controls.filter(({ box }) => !withinX(box, 0, viewportWidth)).map(({ label }) => label)).toEqual([]);
  return controls;
}
