import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@deltastream/core/socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { startPlatform, type Platform } from './platform';

/** Screenshots are kept as test artifacts. */
const ARTIFACTS = fileURLToPath(new URL('../test-results/e2e/', import.meta.url));
const CHARTS = ['oi', 'max-pain', 'smile', 'surface', 'pcr', 'ohlc', 'buildup'] as const;

let platform: Platform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const trader = {
  email: `e2e.${randomBytes(4).toString('hex')}@example.com`,
  password: 'a long e2e password',
};

const testId = (id: string) => `[data-testid="${id}"]`;

async function chainSeq(): Promise<number> {
  return Number(await page.locator(testId('chain-seq')).innerText());
}

/** Resolves when the displayed chain's seq moves past `seq`: a live update reached the screen. */
async function nextChainSeq(seq: number, timeoutMs = 20_000): Promise<number> {
  await page.waitForFunction(
    ({ selector, previous }) => Number(document.querySelector(selector)?.textContent) > previous,
    { selector: testId('chain-seq'), previous: seq },
    { timeout: timeoutMs },
  );
  return chainSeq();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  platform = await startPlatform();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

describe('the trader in the browser', () => {
  it('is sent to sign in, registers and lands on the dashboard', async () => {
    await page.goto(platform.webUrl);
    await page.waitForURL(/\/signin/);
    await page.click('a[href^="/register"]');
    await page.fill(testId('register-name'), 'E2E Trader');
    await page.fill(testId('register-email'), trader.email);
    await page.fill(testId('register-password'), trader.password);
    await page.click(testId('register-submit'));
    await page.waitForURL(`${platform.webUrl}/`);
    await page.locator(testId('chain-table')).waitFor();
  });

  it('sees the option chain update live, with the connection live', async () => {
    await page.locator(`${testId('connection-status')}[data-state="live"]`).waitFor({ timeout: 20_000 });
    await page.locator(testId('chain-row')).first().waitFor({ timeout: 20_000 });
    const rows = await page.locator(testId('chain-row')).count();
    expect(rows).toBe(2 * platform.products[0]!.strikes_each_side + 1);
    expect(await page.locator(`${testId('chain-row')}[data-atm="true"]`).count()).toBe(1);
    const first = await chainSeq();
    const second = await nextChainSeq(first);
    expect(second).toBeGreaterThan(first);
    expect(
      Number((await page.locator(testId('underlying-price')).innerText()).replace(/[^0-9.]/g, '')),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-1280x800.png` });
  });

  it('shows the Greeks on demand', async () => {
    const deltaHeader = page.locator(`${testId('chain-table')} th[title="Delta"]`);
    expect(await deltaHeader.count()).toBe(0);
    await page.click(testId('greeks-toggle'));
    // Delta on both sides, calls and puts.
    await expect.poll(() => deltaHeader.count()).toBe(2);
  });

  it('switches expiry and product', async () => {
    const expiries = await page
      .locator(`${testId('expiry-picker')} option`)
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(expiries.length).toBeGreaterThan(1);
    await page.selectOption(testId('expiry-picker'), expiries[1]!);
    await nextChainSeq(0);
    expect(await page.locator(testId('expiry-picker')).inputValue()).toBe(expiries[1]);

    const shown = await page.locator(testId('product-switcher')).inputValue();
    const other = platform.products.find((product) => product.symbol !== shown);
    const strikesBefore = await page.locator(testId('chain-row')).first().getAttribute('data-strike');
    await page.selectOption(testId('product-switcher'), other!.symbol);
    await expect
      .poll(() => page.locator(testId('chain-row')).first().getAttribute('data-strike'), { timeout: 20_000 })
      .not.toBe(strikesBefore);
    const strike = Number(await page.locator(testId('chain-row')).first().getAttribute('data-strike'));
    // The second product's strikes sit on its own grid.
    expect(strike % other!.strike_step).toBe(0);
    await nextChainSeq(await chainSeq());
  });

  it('opens every chart', async () => {
    for (const chart of CHARTS) {
      await page.click(testId(`chart-tab-${chart}`));
      await page.locator(`${testId(`chart-${chart}`)}[data-rendered="true"]`).waitFor({ timeout: 20_000 });
    }
    await page.click(testId('chart-tab-ohlc'));
    await page.selectOption(testId('ohlc-interval'), '5m');
    await page.locator(`${testId('chart-ohlc')}[data-rendered="true"]`).waitFor({ timeout: 20_000 });
    await page.click(testId('chart-tab-surface'));
    await page.locator(`${testId('chart-surface')}[data-rendered="true"]`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}dashboard-surface-1280x800.png` });
  });

  it('is usable on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.locator(testId('chain-table')).waitFor();
    // The page itself does not scroll sideways once the charts have re-laid themselves out for the new
    // width; the chain table scrolls inside its own box.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 })
      .toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-375x812.png`, fullPage: false });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('creates an API token that a script then uses for REST and the live stream, until revoked', async () => {
    await page.goto(`${platform.webUrl}/settings`);
    await page.fill(testId('token-name'), 'research notebook');
    await page.click(testId('token-create'));
    const token = (await page.locator(testId('token-secret')).innerText()).trim();
    expect(token).toMatch(/^ds_/);
    await page.locator(`${testId('token-row')}[data-status="active"]`).waitFor();

    const [product] = platform.products;
    const response = await fetch(`${platform.webUrl}/api/data/chain/${product!.symbol}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      product: string;
      chains: { product: string; calls: unknown[] }[];
    };
    expect(body.product).toBe(product!.symbol);
    expect(body.chains.length).toBeGreaterThan(0);
    expect(body.chains[0]!.calls.length).toBe(2 * product!.strikes_each_side + 1);

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(platform.realtimeUrl, {
      auth: { token },
      transports: ['websocket'],
    });
    try {
      const update = await new Promise<{ product: string }>((resolve, reject) => {
        socket.on('connect_error', reject);
        socket.on('connect', () =>
          socket.emit(CLIENT_EVENTS.subscribe, { type: 'chain', symbol: product!.symbol }),
        );
        socket.on(SERVER_EVENTS.chainUpdate, resolve);
      });
      expect(update.product).toBe(product!.symbol);
    } finally {
      socket.close();
    }

    await page.click(testId('token-revoke'));
    await page.locator(`${testId('token-row')}[data-status="revoked"]`).waitFor();
    const revoked = await fetch(`${platform.webUrl}/api/data/chain/${product!.symbol}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('signs out, and a wrong password gets the generic error', async () => {
    await page.goto(platform.webUrl);
    await page.click(testId('sign-out'));
    await page.waitForURL(/\/signin/);
    await page.fill(testId('signin-email'), trader.email);
    await page.fill(testId('signin-password'), 'not the password');
    await page.click(testId('signin-submit'));
    await expect.poll(() => page.locator(testId('signin-error')).innerText()).toBe('invalid credentials');
    await page.fill(testId('signin-password'), trader.password);
    await page.click(testId('signin-submit'));
    await page.waitForURL(`${platform.webUrl}/`);
    await page.locator(testId('chain-row')).first().waitFor({ timeout: 20_000 });
  });
});
