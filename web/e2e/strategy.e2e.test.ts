import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@deltastream/auth/passwords';
import { createUser } from '@deltastream/db/queries';
import { boxOf, expectHeaderControlsApartOnScreen, withinX } from './layout';
import { useBrowserPlatform } from './use-browser-platform';

/** Screenshots are kept as test artifacts: evidence; the assertions are on the page itself. */
const ARTIFACTS = fileURLToPath(new URL('../test-results/e2e/', import.meta.url));
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** Neither the exchange's zone nor the machine's: a time shown in the browser's zone cannot pass. */
const BROWSER_TIME_ZONE = 'America/Los_Angeles';

const e2e = useBrowserPlatform();
let context: BrowserContext;
let page: Page;
const newTrader = () => ({
  email: `strategist.${randomBytes(4).toString('hex')}@example.com`,
  password: 'a long strategy password',
});
const trader = newTrader();
const otherTrader = newTrader();
const STRATEGY_NAME = `E2E condor ${randomBytes(2).toString('hex')}`;
/** The legs on screen when the strategy was saved, as the leg table shows them. */
let savedLegs: LegOnScreen[];

const testId = (id: string) => `[data-testid="${id}"]`;

interface LegOnScreen {
  side: string | null;
  type: string | null;
  strike: number;
  expiry: string | null;
  lots: string | null;
  entry: string;
}

async function legsOnScreen(on: Page = page): Promise<LegOnScreen[]> {
  return on.locator(testId('leg-row')).evaluateAll((rows) =>
    rows.map((row) => ({
      side: row.getAttribute('data-side'),
      type: row.getAttribute('data-option-type'),
      strike: Number(row.getAttribute('data-strike')),
      expiry: row.getAttribute('data-expiry'),
      lots: row.getAttribute('data-lots'),
      entry: row.querySelector('[data-testid="leg-entry"]')?.textContent ?? '',
    })),
  );
}

async function signIn(on: Page, who: { email: string; password: string }): Promise<void> {
  await on.goto(`${e2e.platform.webUrl}/strategies`);
  await on.waitForURL(/\/signin/);
  await on.fill(testId('signin-email'), who.email);
  await on.fill(testId('signin-password'), who.password);
  await on.click(testId('signin-submit'));
  await on.waitForURL(`${e2e.platform.webUrl}/strategies`);
  await on.locator(testId('strategy-page')).waitFor();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const who of [trader, otherTrader]) {
    await createUser(e2e.platform.database.db, {
      email: who.email,
      passwordHash: await hashPassword(who.password),
      name: 'Strategist',
    });
  }
  context = await e2e.browser.newContext({ viewport: DESK, timezoneId: BROWSER_TIME_ZONE });
  page = await context.newPage();
}, 120_000);

describe('the strategy builder in the browser', () => {
  it('signs in onto the strategy page, with the live chain beside the builder', async () => {
    await signIn(page, trader);
    await page.locator(`${testId('connection-status')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await page.locator(`${testId('chain-row')}[data-atm="true"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator(testId('legs-empty')).count()).toBe(1);
    expect(await page.locator(testId('saved-empty')).count()).toBe(1);
    await expectHeaderControlsApartOnScreen(page, DESK.width);
  });

  it('builds an iron condor from the preset: four legs, strikes in order, one expiry', async () => {
    await page.selectOption(testId('preset-name'), 'iron-condor');
    await page.click(testId('preset-build'));
    await expect.poll(() => page.locator(testId('leg-row')).count(), { timeout: 20_000 }).toBe(4);
    const legs = await legsOnScreen();
    expect(legs.map(({ side, type }) => [side, type])).toEqual([
      ['BUY', 'PUT'],
      ['SELL', 'PUT'],
      ['SELL', 'CALL'],
      ['BUY', 'CALL'],
    ]);
    const strikes = legs.map((leg) => leg.strike);
    for (let i = 1; i < strikes.length; i += 1) expect(strikes[i]).toBeGreaterThan(strikes[i - 1]!);
    // One expiry: the one on screen.
    const expiry = await page.locator(testId('expiry-picker')).inputValue();
    expect(new Set(legs.map((leg) => leg.expiry))).toEqual(new Set([expiry]));
  });

  it('draws the payoff with two curves, the band and two breakevens, and shows PoP as a percentage', async () => {
    const chart = page.locator(`${testId('chart-payoff')}[data-rendered="true"]`);
    await chart.waitFor({ timeout: 20_000 });
    const drawn = await chart.evaluate((element) => {
      const { data, layout } = element as unknown as {
        data: { name: string; x: number[]; y: number[] }[];
        layout: { shapes: { type: string }[] };
      };
      return { names: data.map((trace) => trace.name), points: data[0]!.x.length, shapes: layout.shapes };
    });
    expect(drawn.names).toHaveLength(2);
    expect(drawn.names[0]).toMatch(/^At expiry · /);
    expect(drawn.names[1]).toMatch(/^Now · \d\d:\d\d:\d\d IST$/);
    expect(drawn.points).toBeGreaterThan(100);
    expect(drawn.shapes.filter((shape) => shape.type === 'rect')).toHaveLength(1);

    const breakevens = (await page.locator(testId('breakeven')).allInnerTexts()).map((text) =>
      Number(text.replace(/,/g, '')),
    );
    expect(breakevens).toHaveLength(2);
    const strikes = (await legsOnScreen()).map((leg) => leg.strike);
    // A credit condor breaks even between each wing and its short strike.
    expect(breakevens[0]).toBeGreaterThan(strikes[0]!);
    expect(breakevens[0]).toBeLessThan(strikes[1]!);
    expect(breakevens[1]).toBeGreaterThan(strikes[2]!);
    expect(breakevens[1]).toBeLessThan(strikes[3]!);

    const pop = await page.locator(`${testId('strategy-pop')} [data-value]`).innerText();
    expect(pop).toMatch(/^\d{1,3}\.\d%$/);
    const percent = Number(pop.slice(0, -1));
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    expect(await page.locator(`${testId('strategy-net-premium')} [data-value]`).innerText()).toMatch(
      /^Credit /,
    );
    expect(await page.locator(`${testId('strategy-max-loss')} [data-value]`).innerText()).not.toBe(
      'Unlimited',
    );
    expect(await page.locator(testId('strategy-as-of')).innerText()).toMatch(/^as of \d\d:\d\d:\d\d IST$/);
  });

  it('revalues as the chain moves', async () => {
    const asOf = page.locator(testId('strategy-as-of'));
    const before = await asOf.innerText();
    await expect.poll(() => asOf.innerText(), { timeout: 20_000 }).not.toBe(before);
    await page.locator(`${testId('chart-payoff')}[data-rendered="true"]`).waitFor();
  });

  it('adds a leg bought at the ask clicked in the chain', async () => {
    const ask = page.locator(
      `tr[data-atm="true"] ${testId('chain-pick')}[data-side="BUY"][data-option-type="CALL"]`,
    );
    const strike = Number(await ask.getAttribute('data-strike'));
    await ask.click();
    await expect.poll(() => page.locator(testId('leg-row')).count(), { timeout: 10_000 }).toBe(5);
    const added = (await legsOnScreen()).at(-1)!;
    expect(added).toMatchObject({ side: 'BUY', type: 'CALL', strike, lots: '1' });
    expect(Number(added.entry.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.locator(`${testId('chart-payoff')}[data-rendered="true"]`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}strategy-1280x800.png`, fullPage: true });
  });

  it('saves the strategy, and after a reload reopens the same legs', async () => {
    savedLegs = await legsOnScreen();
    await page.fill(testId('save-name'), STRATEGY_NAME);
    await page.click(testId('save-submit'));
    const row = page.locator(testId('saved-strategy'), { hasText: STRATEGY_NAME });
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.locator(testId('saved-pnl')).innerText()).toMatch(/^[+-]?[\d,]+\.\d\d$/);

    await page.reload();
    await page.locator(testId('legs-empty')).waitFor({ timeout: 20_000 });
    await page
      .locator(testId('saved-strategy'), { hasText: STRATEGY_NAME })
      .locator(testId('saved-open'))
      .click();
    await expect.poll(() => page.locator(testId('leg-row')).count()).toBe(savedLegs.length);
    expect(await legsOnScreen()).toEqual(savedLegs);
    await page.locator(`${testId('chart-payoff')}[data-rendered="true"]`).waitFor({ timeout: 20_000 });
  });

  it('is usable on a phone: nothing wider than the screen, header controls apart', async () => {
    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(`${testId('chart-payoff')}[data-rendered="true"]`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}strategy-390x844.png` });
    await page.locator(testId('chart-payoff')).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}strategy-payoff-390x844.png` });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 })
      .toBeLessThanOrEqual(PHONE.width);
    await expectHeaderControlsApartOnScreen(page, PHONE.width);
    // The leg table scrolls sideways inside its own box; the rest fits the screen as it is.
    const sections = [
      page.locator(testId('preset-form')),
      page.locator(testId('leg-table')).locator('xpath=..'),
      page.locator(testId('chart-payoff')),
      page.locator(testId('strategy-pop')),
      page.locator(testId('save-form')),
    ];
    const outside = (await Promise.all(sections.map((section) => boxOf(section)))).filter(
      (box) => !withinX(box, 0, PHONE.width),
    );
    expect(outside).toEqual([]);
    await page.setViewportSize(DESK);
  });

  it('is not shown to another user, nor readable by them', async () => {
    const id = await page
      .locator(testId('saved-strategy'), { hasText: STRATEGY_NAME })
      .getAttribute('data-id');
    const otherContext = await e2e.browser.newContext({ viewport: DESK, timezoneId: BROWSER_TIME_ZONE });
    try {
      const other = await otherContext.newPage();
      await signIn(other, otherTrader);
      await other.locator(testId('saved-empty')).waitFor({ timeout: 20_000 });
      expect(await other.locator(testId('saved-strategy')).count()).toBe(0);
      const read = await other.request.get(`${e2e.platform.webUrl}/api/strategies/${id}`);
      expect(read.status()).toBe(404);
    } finally {
      await otherContext.close();
    }
  });
});
