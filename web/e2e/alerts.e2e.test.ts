import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashPassword } from '@deltastream/auth/passwords';
import { CHANNELS, publish } from '@deltastream/bus/channels';
import { createRedis } from '@deltastream/bus/redis';
import type { FiredAlert } from '@deltastream/core/alerts';
import { createUser, toFiredAlert } from '@deltastream/db/queries';
import { alertFirings, alerts } from '@deltastream/db/schema';
import type { Redis } from 'ioredis';
import { boxOf, withinX } from './layout';
import { useBrowserPlatform } from './use-browser-platform';

/** Screenshots are kept as test artifacts: evidence; the assertions are on the page itself. */
const ARTIFACTS = fileURLToPath(new URL('../test-results/e2e/', import.meta.url));
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const BROWSER_TIME_ZONE = 'America/Los_Angeles';
/** A toast hides itself after 10 s (TOAST_VISIBLE_MS); this is the margin a loaded machine gets. */
const TOAST_GONE_WITHIN_MS = 15_000;

const e2e = useBrowserPlatform();
let redis: Redis;
const newTrader = (name: string) => ({
  id: '',
  email: `${name}.${randomBytes(4).toString('hex')}@example.com`,
  password: 'a long alerts password',
});
const owner = newTrader('owner');
const other = newTrader('other');
let ownerPage: Page;
let otherPage: Page;
const NOTE = `e2e ${randomBytes(3).toString('hex')}`;

const testId = (id: string) => `[data-testid="${id}"]`;

async function signedInDashboard(who: typeof owner): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: DESK, timezoneId: BROWSER_TIME_ZONE });
  const page = await context.newPage();
  await page.goto(e2e.platform.webUrl);
  await page.waitForURL(/\/signin/);
  await page.fill(testId('signin-email'), who.email);
  await page.fill(testId('signin-password'), who.password);
  await page.click(testId('signin-submit'));
  await page.waitForURL(`${e2e.platform.webUrl}/`);
  await page.locator(`${testId('connection-status')}[data-state="live"]`).waitFor({ timeout: 30_000 });
  await page.locator(`${testId('chain-row')}[data-atm="true"]`).waitFor({ timeout: 30_000 });
  return page;
}

async function openAlerts(page: Page): Promise<void> {
  await page.click(testId('alerts-toggle'));
  await page.locator(testId('alerts-panel')).waitFor();
}

/**
 * What the worker does when an alert fires: records the firing, marks the alert fired and publishes the
 * notification on the run's channel, so a test chooses when a firing comes and what it says (the last
 * test has the worker fire one from the live market).
 */
async function fire(alertId: string, userId: string, message: string): Promise<FiredAlert> {
  const [stored] = await e2e.platform.database.db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!stored) throw new Error(`no alert ${alertId}`);
  const now = new Date();
  const [firing] = await e2e.platform.database.db
    .insert(alertFirings)
    .values({
      alertId,
      userId,
      product: stored.product,
      expiry: stored.expiry,
      condition: stored.condition,
      note: stored.note,
      value: 0.5,
      message,
      dataTs: now,
      firedAt: now,
    })
    .returning();
  await e2e.platform.database.db
    .update(alerts)
    .set({ armed: false, lastFiredAt: now })
    .where(eq(alerts.id, alertId));
  const fired = toFiredAlert(firing!);
  await publish(redis, CHANNELS.alertFired, { user_id: userId, alert: fired });
  return fired;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'command', {
    prefix: e2e.platform.redisPrefix,
  });
  for (const who of [owner, other]) {
    const user = await createUser(e2e.platform.database.db, {
      email: who.email,
      passwordHash: await hashPassword(who.password),
      name: 'Alerts trader',
    });
    who.id = user!.id;
  }
  [ownerPage, otherPage] = await Promise.all([signedInDashboard(owner), signedInDashboard(other)]);
}, 120_000);

afterAll(async () => {
  redis?.disconnect();
}, 60_000);

describe('alerts in the browser', () => {
  let alertId: string;

  it('creates an alert for the product on screen through the form, and lists it', async () => {
    const product = await ownerPage.locator(testId('product-switcher')).inputValue();
    await openAlerts(ownerPage);
    expect(await ownerPage.locator(testId('alerts-empty')).count()).toBe(1);

    // A level the spot cannot reach: this alert never fires by itself.
    await ownerPage.selectOption(testId('alert-metric'), 'spot');
    await ownerPage.selectOption(testId('alert-direction'), 'below');
    await ownerPage.fill(testId('alert-level'), '1');
    await ownerPage.fill(testId('alert-note'), NOTE);
    await ownerPage.click(testId('alert-submit'));

    const item = ownerPage.locator(testId('alert-item'));
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.locator(testId('alert-condition')).innerText()).toBe(`${product} · Spot below 1`);
    expect(await item.innerText()).toContain(NOTE);
    expect(await item.getAttribute('data-active')).toBe('true');
    alertId = (await item.getAttribute('data-id'))!;
    expect(await ownerPage.locator(testId('alerts-count')).innerText()).toBe('1 active of 1');
  });

  it('names the problem of a bad form without sending it', async () => {
    await ownerPage.selectOption(testId('alert-metric'), 'iv_rank');
    await ownerPage.fill(testId('alert-level'), '140');
    await ownerPage.click(testId('alert-submit'));
    expect(await ownerPage.locator(testId('alert-form-error')).innerText()).toMatch(/^Rank 0–100: /);
    expect(await ownerPage.locator(testId('alert-item')).count()).toBe(1);
  });

  it('pauses and resumes it', async () => {
    const item = ownerPage.locator(testId('alert-item'));
    await item.locator(testId('alert-toggle-active')).click();
    await expect.poll(() => item.getAttribute('data-active')).toBe('false');
    expect(await item.locator(testId('alert-toggle-active')).innerText()).toBe('Resume');
    await item.locator(testId('alert-toggle-active')).click();
    await expect.poll(() => item.getAttribute('data-active')).toBe('true');
  });

  it('is not shown to another user', async () => {
    await openAlerts(otherPage);
    await otherPage.locator(testId('alerts-empty')).waitFor();
    expect(await otherPage.locator(testId('alert-item')).count()).toBe(0);
    const listed = await otherPage.request.get(`${e2e.platform.webUrl}/api/alerts`);
    expect(((await listed.json()) as { alerts: unknown[] }).alerts).toEqual([]);
  });

  it('toasts a firing to its owner only, and adds it to the owner’s history', async () => {
    const message = `${NOTE}: spot crossed below 1`;
    const fired = await fire(alertId, owner.id, message);

    const toast = ownerPage.locator(testId('alert-toast'));
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.getAttribute('role')).toBe('status');
    expect(await toast.getAttribute('data-alert-id')).toBe(fired.alert_id);
    expect(await toast.locator(testId('alert-toast-message')).innerText()).toBe(message);
    // Top right, on screen.
    const box = await boxOf(toast);
    expect(box.x + box.width).toBeGreaterThan(DESK.width - 40);
    expect(box.y).toBeLessThan(40);
    // The event refreshes the history and the list.
    await ownerPage.locator(testId('alert-history-row')).filter({ hasText: message }).waitFor();
    await expect
      .poll(() => ownerPage.locator(testId('alert-item')).innerText())
      .toMatch(/fired, waits to cross back/);
    await ownerPage.screenshot({ path: `${ARTIFACTS}alerts-toast-desk.png`, fullPage: true });
    // Open, the panel follows the chain and the charts below, overlapping neither.
    const panel = await boxOf(ownerPage.locator(testId('alerts-panel')));
    // The chain's panel (its table scrolls inside it) and the charts' tab panel.
    for (const above of [`section:has(${testId('chain-table')})`, '[role="tabpanel"]']) {
      const box = await boxOf(ownerPage.locator(above).first());
      expect(box.y + box.height, above).toBeLessThanOrEqual(panel.y);
    }

    await otherPage.waitForTimeout(1_000);
    expect(await otherPage.locator(testId('alert-toast')).count()).toBe(0);
    await otherPage.reload();
    await openAlerts(otherPage);
    await otherPage.locator(testId('alert-history-empty')).waitFor();
    expect(await otherPage.locator(testId('alert-history-row')).count()).toBe(0);
  });

  it('dismisses a toast at once, and hides one by itself after about ten seconds', async () => {
    await ownerPage.click(testId('alert-toast-dismiss'));
    await expect.poll(() => ownerPage.locator(testId('alert-toast')).count()).toBe(0);

    await fire(alertId, owner.id, `${NOTE}: second firing`);
    const toast = ownerPage.locator(testId('alert-toast'));
    await toast.waitFor({ timeout: 10_000 });
    const shownAt = Date.now();
    await toast.waitFor({ state: 'detached', timeout: TOAST_GONE_WITHIN_MS });
    expect(Date.now() - shownAt).toBeGreaterThan(8_000);
    expect(await ownerPage.locator(testId('alert-history-row')).count()).toBe(2);
  }, 30_000);

  it('works on a phone: the panel and the toast fit the screen', async () => {
    // The owner's page narrowed to a phone's width, rather than a third signed-in dashboard: each live
    // page costs the browser a share of a core, and this machine has two for the whole platform.
    await ownerPage.setViewportSize(PHONE);
    try {
      for (const id of ['alert-form', 'alert-list', 'alert-history', 'alert-submit']) {
        expect(withinX(await boxOf(ownerPage.locator(testId(id))), 0, PHONE.width), id).toBe(true);
      }
      await fire(alertId, owner.id, `${NOTE}: on the phone`);
      const toast = ownerPage.locator(testId('alert-toast'));
      await toast.waitFor({ timeout: 10_000 });
      expect(withinX(await boxOf(toast), 0, PHONE.width)).toBe(true);
      expect(await ownerPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await ownerPage.screenshot({ path: `${ARTIFACTS}alerts-phone.png` });

      await ownerPage.locator(testId('alert-delete')).click();
      await ownerPage.locator(testId('alerts-empty')).waitFor();
    } finally {
      await ownerPage.setViewportSize(DESK);
    }
  }, 60_000);

  it('is fired by the worker from the live market, once, and toasted to its owner only', async () => {
    // Spot is far above 1, so the worker fires this alert on the first tick it evaluates, and only once:
    // spot never comes back below the level to re-arm it.
    await otherPage.selectOption(testId('alert-metric'), 'spot');
    await otherPage.selectOption(testId('alert-direction'), 'above');
    await otherPage.fill(testId('alert-level'), '1');
    await otherPage.click(testId('alert-submit'));
    const item = otherPage.locator(testId('alert-item'));
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    const workerAlertId = (await item.getAttribute('data-id'))!;

    const toast = otherPage.locator(`${testId('alert-toast')}[data-alert-id="${workerAlertId}"]`);
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.locator(testId('alert-toast-message')).innerText()).toMatch(
      /spot [\d,.]+ crossed above 1$/,
    );
    await otherPage.locator(testId('alert-history-row')).first().waitFor();

    await otherPage.waitForTimeout(3_000);
    const firings = await e2e.platform.database.db
      .select()
      .from(alertFirings)
      .where(eq(alertFirings.alertId, workerAlertId));
    expect(firings).toHaveLength(1);
    expect(firings[0]!.userId).toBe(other.id);
    expect(firings[0]!.value).toBeGreaterThan(1);
    expect(
      await ownerPage.locator(`${testId('alert-toast')}[data-alert-id="${workerAlertId}"]`).count(),
    ).toBe(0);
  }, 60_000);
});
