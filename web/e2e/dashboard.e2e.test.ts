import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@deltastream/core/socket';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@deltastream/core/schemas';
import type { ProductsResponse } from '../src/contracts/rest';
import { boxOf, displayed, expectHeaderControlsApartOnScreen, overlap, overlapping, withinX } from './layout';
import { useBrowserPlatform } from './use-browser-platform';

/** Screenshots are kept as test artifacts: evidence; the assertions are the bounding-box checks. */
const ARTIFACTS = fileURLToPath(new URL('../test-results/e2e/', import.meta.url));
const CHARTS = [
  'oi',
  'max-pain',
  'smile',
  'surface',
  'iv-history',
  'term-structure',
  'pcr',
  'ohlc',
  'buildup',
] as const;
/** The metric cards: the chain's, then the volatility history's. */
const METRIC_CARDS = [
  'metric-pcr',
  'metric-max-pain',
  'metric-straddle',
  'metric-atm-iv',
  'metric-open-interest',
  'metric-iv-30d',
  'metric-iv-rank',
  'metric-iv-percentile',
  'metric-rv-20d',
  'metric-iv-rv-spread',
];
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/**
 * The browser's time zone: neither the exchange's (the e2e products trade in Asia/Kolkata) nor the
 * machine's, so a time shown in the browser's zone cannot pass for the exchange's.
 */
const BROWSER_TIME_ZONE = 'America/Los_Angeles';
/** India keeps no daylight saving time: IST is UTC+05:30 all year. */
const IST_OFFSET_MS = 19_800_000;
/** The chain's column headers, calls | strike | puts, as the exchange lays them out. */
const CHAIN_HEADERS = {
  plain: [
    'OI',
    'OI Chg',
    'Vol',
    'IV',
    'LTP',
    'Bid',
    'Ask',
    'Strike',
    'Bid',
    'Ask',
    'LTP',
    'IV',
    'Vol',
    'OI Chg',
    'OI',
  ],
  greeks: [
    ...['ν', 'Θ', 'Γ', 'Δ', 'OI', 'OI Chg', 'Vol', 'IV', 'LTP', 'Bid', 'Ask'],
    'Strike',
    ...['Bid', 'Ask', 'LTP', 'IV', 'Vol', 'OI Chg', 'OI', 'Δ', 'Γ', 'Θ', 'ν'],
  ],
};

const e2e = useBrowserPlatform();
let context: BrowserContext;
let page: Page;
/** The catalogue as `/api/data/products` lists it. */
let catalogue: Product[];
/** The expiry chosen for the catalogue's first product, not its nearest. */
let firstProductExpiry: string;
const trader = {
  email: `e2e.${randomBytes(4).toString('hex')}@example.com`,
  password: 'a long e2e password',
};

const testId = (id: string) => `[data-testid="${id}"]`;
/** What the browser reports the pages' Content-Security-Policy blocked: Plotly and Next.js need nothing it forbids. */
const cspViolations: string[] = [];

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

/** Seconds between a time of day shown as `HH:MM:SS` and the exchange's (IST) wall clock now. */
function secondsFromIstNow(shown: string): number {
  const [hours, minutes, seconds] = shown.split(':').map(Number) as [number, number, number];
  const ist = new Date(Date.now() + IST_OFFSET_MS);
  const apart =
    Math.abs(
      hours * 3600 +
        minutes * 60 +
        seconds -
        (ist.getUTCHours() * 3600 + ist.getUTCMinutes() * 60 + ist.getUTCSeconds()),
    ) % 86_400;
  return Math.min(apart, 86_400 - apart);
}

/**
 * Every column header of the chain inside the table's scroll box, which has nothing to scroll sideways:
 * no column cut off, none behind a horizontal scroll.
 */
async function expectEveryChainColumnInView(expectedHeaders: string[]): Promise<void> {
  const table = page.locator(testId('chain-table'));
  const scrollBox = table.locator('xpath=..');
  const box = await boxOf(scrollBox);
  const headers = table.locator('thead tr:nth-child(2) th');
  expect(await headers.allInnerTexts()).toEqual(expectedHeaders);
  const outside: string[] = [];
  for (const header of await headers.all()) {
    const headerBox = await boxOf(header);
    if (!withinX(headerBox, box.x, box.x + box.width)) {
      outside.push(
        `${await header.innerText()} at ${Math.round(headerBox.x)}–${Math.round(headerBox.x + headerBox.width)}`,
      );
    }
  }
  expect(
    outside,
    `columns outside the chain's box, ${Math.round(box.x)}–${Math.round(box.x + box.width)}`,
  ).toEqual([]);
  expect(
    await scrollBox.evaluate((element) => element.scrollWidth - element.clientWidth),
  ).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  context = await e2e.browser.newContext({ viewport: DESK, timezoneId: BROWSER_TIME_ZONE });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 120_000);

describe('the trader in the browser', () => {
  it('is sent to sign in, registers and lands on the dashboard', async () => {
    await page.goto(e2e.platform.webUrl);
    await page.waitForURL(/\/signin/);
    await page.click('a[href^="/register"]');
    await page.fill(testId('register-name'), 'E2E Trader');
    await page.fill(testId('register-email'), trader.email);
    await page.fill(testId('register-password'), trader.password);
    await page.click(testId('register-submit'));
    await page.waitForURL(`${e2e.platform.webUrl}/`);
    await page.locator(testId('chain-table')).waitFor();
    // A browser that has chosen nothing yet opens on the catalogue's first product.
    const listed = await page.request.get(`${e2e.platform.webUrl}/api/data/products`);
    catalogue = ((await listed.json()) as ProductsResponse).catalogue;
    // Listed in the catalogue's own order (NIFTY before BANKNIFTY), not by symbol.
    expect(catalogue.map((product) => product.symbol)).toEqual(
      e2e.platform.products.map((product) => product.symbol),
    );
    expect(await page.locator(testId('product-switcher')).inputValue()).toBe(catalogue[0]!.symbol);
  });

  it('sees the option chain update live, with the connection live', async () => {
    await page.locator(`${testId('connection-status')}[data-state="live"]`).waitFor({ timeout: 20_000 });
    await page.locator(testId('chain-row')).first().waitFor({ timeout: 20_000 });
    const rows = await page.locator(testId('chain-row')).count();
    expect(rows).toBe(2 * catalogue[0]!.strikes_each_side + 1);
    expect(await page.locator(`${testId('chain-row')}[data-atm="true"]`).count()).toBe(1);
    const first = await chainSeq();
    const second = await nextChainSeq(first);
    expect(second).toBeGreaterThan(first);
    expect(
      Number((await page.locator(testId('underlying-price')).innerText()).replace(/[^0-9.]/g, '')),
    ).toBeGreaterThan(0);
  });

  it("shows every time on the exchange's clock with its label, though the browser is in Los Angeles", async () => {
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      BROWSER_TIME_ZONE,
    );
    const istTime = /^(\d\d:\d\d:\d\d) IST$/;

    const clock = page.locator(testId('exchange-clock'));
    await expect.poll(() => clock.innerText()).toMatch(istTime);
    expect(secondsFromIstNow(istTime.exec(await clock.innerText())![1]!)).toBeLessThanOrEqual(3);

    const chainTime = await page.locator(testId('chain-time')).innerText();
    expect(chainTime).toMatch(istTime);
    // Seconds old at most, where the browser's own clock would be 12½ or 13½ hours away.
    expect(secondsFromIstNow(istTime.exec(chainTime)![1]!)).toBeLessThanOrEqual(60);
    const lastTick = await page.locator(testId('underlying-price')).locator('xpath=..').getAttribute('title');
    expect(lastTick).toMatch(/^Last tick \d\d:\d\d:\d\d IST$/);

    // Time axes: labelled IST, hover times too, the newest point at the exchange's wall clock of now.
    for (const [chart, newestWithinMs] of [
      ['pcr', 60_000],
      ['ohlc', 180_000],
    ] as const) {
      await page.click(testId(`chart-tab-${chart}`));
      const plot = page.locator(`${testId(`chart-${chart}`)}[data-rendered="true"]`);
      await plot.waitFor({ timeout: 20_000 });
      const axis = await plot.evaluate((element) => {
        const { layout, data } = element as unknown as {
          layout: { xaxis?: { title?: { text?: string }; hoverformat?: string } };
          data: { x: string[] }[];
        };
        return {
          title: layout.xaxis?.title?.text,
          hoverformat: layout.xaxis?.hoverformat,
          newest: data[0]!.x.at(-1)!,
        };
      });
      expect(axis.title).toBe('Time (IST)');
      expect(axis.hoverformat).toMatch(/ IST$/);
      const newestWallClockMs = Date.parse(`${axis.newest.replace(' ', 'T')}Z`);
      expect(Math.abs(Date.now() + IST_OFFSET_MS - newestWallClockMs)).toBeLessThan(newestWithinMs);
    }
    await page.click(testId('chart-tab-oi'));
  });

  it('shows IV, IV rank and percentile, realised volatility and the spread from the year of history', async () => {
    const valueOf = (card: string) => page.locator(`${testId(card)} [data-role="value"]`).innerText();
    const numberOf = async (card: string) => Number((await valueOf(card)).replace(/[^0-9.+-]/g, ''));
    // The platform's database was given a year of simulated history before the tiers started.
    await expect.poll(() => valueOf('metric-iv-rank'), { timeout: 20_000 }).toMatch(/^\d{1,3}$/);
    for (const card of ['metric-iv-rank', 'metric-iv-percentile']) {
      const value = await numberOf(card);
      expect(value, card).toBeGreaterThanOrEqual(0);
      expect(value, card).toBeLessThanOrEqual(100);
    }
    await expect.poll(() => valueOf('metric-rv-20d'), { timeout: 20_000 }).toMatch(/^\d+\.\d%$/);
    expect(await valueOf('metric-iv-30d')).toMatch(/^\d+\.\d%$/);
    expect(await numberOf('metric-iv-30d')).toBeGreaterThan(0);
    expect(await valueOf('metric-iv-rv-spread')).toMatch(/^[+-]?\d+\.\d\s*pts$/);
    // The spread is the two cards' difference, to the rounding of what they show.
    const spread = (await numberOf('metric-iv-30d')) - (await numberOf('metric-rv-20d'));
    expect(Math.abs((await numberOf('metric-iv-rv-spread')) - spread)).toBeLessThanOrEqual(0.11);

    // Ten cards, five a row at 1280×800 and two a row on a phone, none over another, all on screen.
    for (const viewport of [DESK, PHONE]) {
      await page.setViewportSize(viewport);
      await page.evaluate(() => window.scrollTo(0, 0));
      const cards = await displayed(page.locator(METRIC_CARDS.map(testId).join(', ')));
      expect(cards.map(({ label }) => label)).toEqual(METRIC_CARDS);
      expect(overlapping(cards)).toEqual([]);
      expect(cards.filter(({ box }) => !withinX(box, 0, viewport.width)).map(({ label }) => label)).toEqual(
        [],
      );
      const rows = new Set(cards.map(({ box }) => Math.round(box.y)));
      expect(rows.size, `rows at ${viewport.width}px`).toBe(viewport === DESK ? 2 : 5);
      await page.screenshot({
        path: `${ARTIFACTS}volatility-cards-${viewport.width}x${viewport.height}.png`,
      });
    }
    await page.setViewportSize(DESK);
  });

  it('draws the IV history with its rank band and simulated days apart, and the term structure', async () => {
    await page.click(testId('chart-tab-iv-history'));
    const history = page.locator(`${testId('chart-iv-history')}[data-rendered="true"]`);
    await history.waitFor({ timeout: 20_000 });
    const traces = await history.evaluate((element) =>
      (element as unknown as { data: { name?: string; x: string[]; y: (number | null)[] }[] }).data.map(
        ({ name, x, y }) => ({ name, points: x.length, newest: x.at(-1), y }),
      ),
    );
    const traceNamed = (name: string) => {
      const trace = traces.find((candidate) => candidate.name === name);
      if (!trace) throw new Error(`no trace ${name} among ${traces.map((t) => t.name).join(', ')}`);
      return trace;
    };
    const simulated = traceNamed('30-day IV · simulated');
    const live = traceNamed('30-day IV · live');
    // A year of trading days, up to yesterday on the exchange calendar; live days after it.
    expect(simulated.points).toBeGreaterThan(240);
    expect(simulated.newest! < new Date(Date.now() + IST_OFFSET_MS).toISOString().slice(0, 10)).toBe(true);
    // The rank band: a line at the lookback's low, then one at its high filled down to it. Every IV of
    // the last 252 days and today's lies inside.
    const bandIndex = traces.findIndex(({ name }) => name?.startsWith('252-day range'));
    expect(bandIndex, traces.map(({ name }) => name).join(', ')).toBe(1);
    const [low, high] = [traces[0]!.y[0]!, traces[1]!.y[0]!];
    expect(high).toBeGreaterThan(low);
    const ivs = [...simulated.y, ...live.y].filter((iv): iv is number => iv !== null).slice(-253);
    expect(Math.min(...ivs)).toBeGreaterThanOrEqual(low - 1e-9);
    expect(Math.max(...ivs)).toBeLessThanOrEqual(high + 1e-9);
    const xTitle = await history.evaluate(
      (element) =>
        (element as unknown as { layout: { xaxis: { title: { text: string } } } }).layout.xaxis.title.text,
    );
    expect(xTitle).toBe('Exchange date (IST)');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-iv-history-1280x800.png` });

    await page.click(testId('chart-tab-term-structure'));
    const terms = page.locator(`${testId('chart-term-structure')}[data-rendered="true"]`);
    await terms.waitFor({ timeout: 20_000 });
    const now = await terms.evaluate(
      (element) => (element as unknown as { data: { name: string; x: number[] }[] }).data[0]!,
    );
    // Every live expiry, at its days to expiry, labelled with the snapshot's time on the exchange clock.
    expect(now.name).toMatch(/^Now · \d{4}-\d\d-\d\d \d\d:\d\d IST$/);
    const expiries = await page
      .locator(`${testId('expiry-picker')} option`)
      .evaluateAll((options) => options.length);
    expect(now.x.length).toBe(expiries);
    expect([...now.x].sort((a, b) => a - b)).toEqual(now.x);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-term-structure-1280x800.png` });
    await page.click(testId('chart-tab-oi'));
  });

  it('fits every column of the chain at 1280×800, beside the charts', async () => {
    await expectEveryChainColumnInView(CHAIN_HEADERS.plain);
    expect(await page.locator(testId('dashboard-grid')).getAttribute('data-layout')).toBe('side-by-side');
    await expectHeaderControlsApartOnScreen(page, DESK.width);
    await page.locator(`${testId('chart-oi')}[data-rendered="true"]`).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-1280x800.png` });
  });

  it('shows the Greeks on demand, the chain then full width with every column in view', async () => {
    const deltaHeader = page.locator(`${testId('chain-table')} th[title="Delta"]`);
    expect(await deltaHeader.count()).toBe(0);
    await page.click(testId('greeks-toggle'));
    // Delta on both sides, calls and puts.
    await expect.poll(() => deltaHeader.count()).toBe(2);
    await expectEveryChainColumnInView(CHAIN_HEADERS.greeks);
    expect(await page.locator(testId('dashboard-grid')).getAttribute('data-layout')).toBe('stacked');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-greeks-1280x800.png` });
    await page.click(testId('greeks-toggle'));
    await expect.poll(() => deltaHeader.count()).toBe(0);
  });

  it('switches expiry and product', async () => {
    const expiries = await page
      .locator(`${testId('expiry-picker')} option`)
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(expiries.length).toBeGreaterThan(1);
    firstProductExpiry = expiries[1]!;
    await page.selectOption(testId('expiry-picker'), firstProductExpiry);
    await nextChainSeq(0);
    expect(await page.locator(testId('expiry-picker')).inputValue()).toBe(expiries[1]);

    const shown = await page.locator(testId('product-switcher')).inputValue();
    const other = e2e.platform.products.find((product) => product.symbol !== shown);
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

  it('opens on the product and expiry last chosen in this browser, each product with its own expiry', async () => {
    const first = catalogue[0]!.symbol;
    const other = await page.locator(testId('product-switcher')).inputValue();
    expect(other).not.toBe(first);
    const otherExpiries = await page
      .locator(`${testId('expiry-picker')} option`)
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    await page.selectOption(testId('expiry-picker'), otherExpiries[2]!);

    const shows = async (product: string, expiry: string) => {
      await expect
        .poll(() => page.locator(testId('product-switcher')).inputValue(), { timeout: 20_000 })
        .toBe(product);
      await expect
        .poll(() => page.locator(testId('expiry-picker')).inputValue(), { timeout: 20_000 })
        .toBe(expiry);
      await page.locator(testId('chain-row')).first().waitFor({ timeout: 20_000 });
    };
    await page.reload();
    await shows(other, otherExpiries[2]!);
    await page.selectOption(testId('product-switcher'), first);
    await shows(first, firstProductExpiry);

    // A remembered product that has left the catalogue: the catalogue's first.
    await page.selectOption(testId('product-switcher'), other);
    await page.evaluate(() =>
      localStorage.setItem('deltastream.dashboard.market-choice', JSON.stringify({ product: 'DELISTED' })),
    );
    await page.reload();
    await expect
      .poll(() => page.locator(testId('product-switcher')).inputValue(), { timeout: 20_000 })
      .toBe(first);
  });

  it('opens every chart', async () => {
    for (const chart of CHARTS) {
      await page.click(testId(`chart-tab-${chart}`));
      await page.locator(`${testId(`chart-${chart}`)}[data-rendered="true"]`).waitFor({ timeout: 20_000 });
    }
    // Build-up bars stand one strike wide, however few strikes share a class.
    const buildup = page.locator(testId('chart-buildup'));
    const strikeCount = await page.locator(testId('chain-row')).count();
    const plotWidth = (await boxOf(buildup.locator('.nsewdrag').first())).width;
    const barWidths = await buildup
      .locator('.barlayer .point path')
      .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
    expect(barWidths.length).toBeGreaterThan(0);
    expect(Math.max(...barWidths)).toBeLessThan(plotWidth / (strikeCount - 1));
    await page.click(testId('chart-tab-ohlc'));
    await page.selectOption(testId('ohlc-interval'), '5m');
    await page.locator(`${testId('chart-ohlc')}[data-rendered="true"]`).waitFor({ timeout: 20_000 });
    await page.click(testId('chart-tab-surface'));
    await page.locator(`${testId('chart-surface')}[data-rendered="true"]`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}dashboard-surface-1280x800.png` });
    expect(cspViolations).toEqual([]);
  });

  it('on a phone keeps header controls, chart tabs and the chart toolbar apart, and all on screen', async () => {
    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(testId('chain-table')).waitFor();
    // The page itself does not scroll sideways once the charts have re-laid themselves out for the new
    // width; the chain table scrolls inside its own box.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 })
      .toBeLessThanOrEqual(PHONE.width);

    const controls = await expectHeaderControlsApartOnScreen(page, PHONE.width);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-390x844.png` });

    const tablist = page.locator('[role="tablist"][aria-label="Charts"]');
    for (const chart of CHARTS) {
      await page.click(testId(`chart-tab-${chart}`));
      const plot = page.locator(`${testId(`chart-${chart}`)}[data-rendered="true"]`);
      await plot.waitFor({ timeout: 20_000 });
      await plot.scrollIntoViewIfNeeded();
      const tabs = await displayed(tablist.locator('[role="tab"]'));
      expect(tabs).toHaveLength(CHARTS.length);
      expect(overlapping(tabs)).toEqual([]);
      expect(tabs.filter(({ box }) => !withinX(box, 0, PHONE.width)).map(({ label }) => label)).toEqual([]);

      const [modebar] = await displayed(plot.locator('.modebar'));
      expect(modebar, `the ${chart} chart's toolbar is shown`).toBeDefined();
      expect(withinX(modebar!.box, 0, PHONE.width)).toBe(true);
      // Apart from the tabs, the interval picker above the candles, and what the chart draws around its plot.
      const neighbours = [
        { label: 'chart tabs', box: await boxOf(tablist) },
        ...(await displayed(page.locator(testId('ohlc-interval')))),
        ...(await displayed(plot.locator('.legend, .annotation, .colorbar, .g-xtitle, .g-ytitle'))),
      ];
      expect(
        neighbours.filter(({ box }) => overlap(box, modebar!.box)).map(({ label }) => label),
        `over the ${chart} chart's toolbar`,
      ).toEqual([]);
      if (chart === 'oi') await page.screenshot({ path: `${ARTIFACTS}dashboard-charts-390x844.png` });
    }
    await page.locator(testId('chain-table')).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}dashboard-chain-390x844.png` });
    await page.setViewportSize(DESK);
    // Every header control was checked: logo, both pickers, price, status, clock, three links, sign-out.
    expect(controls.map(({ label }) => label)).toEqual(expect.arrayContaining(['exchange-clock']));
    expect(controls.length).toBe(10);
  });

  it('says since when the data is stale while the worker is stopped, and clears when it is back', async () => {
    const status = page.locator(testId('connection-status'));
    const liveAndFresh = page.locator(`${testId('connection-status')}[data-state="live"]:not([data-stale])`);
    await liveAndFresh.waitFor({ timeout: 20_000 });
    await e2e.platform.stopTier('worker');
    try {
      const staleSince = page.locator(testId('stale-since'));
      await staleSince.waitFor({ timeout: 45_000 });
      const text = await staleSince.innerText();
      expect(text).toMatch(/^Stale since \d\d:\d\d:\d\d IST$/);
      // The time of the last data that arrived: just over the bound ago, on the exchange's clock.
      const since = secondsFromIstNow(/(\d\d:\d\d:\d\d)/.exec(text)![1]!);
      expect(since).toBeGreaterThanOrEqual(15);
      expect(since).toBeLessThan(60);
      expect(await status.innerText()).not.toContain('Live');
      await expectHeaderControlsApartOnScreen(page, DESK.width);
      await page.screenshot({ path: `${ARTIFACTS}dashboard-stale-1280x800.png` });
    } finally {
      await e2e.platform.startTier('worker');
    }
    // The worker first works off what queued meanwhile: the label clears once its data is back within
    // the bound (and may return while the backlog still lags behind).
    await expect
      .poll(async () => [await status.getAttribute('data-stale'), await status.innerText()], {
        timeout: 60_000,
      })
      .toEqual([null, 'Live']);
  });

  it('creates an API token that a script then uses for REST and the live stream, until revoked', async () => {
    await page.goto(`${e2e.platform.webUrl}/settings`);
    await page.fill(testId('token-name'), 'research notebook');
    await page.click(testId('token-create'));
    const token = (await page.locator(testId('token-secret')).innerText()).trim();
    expect(token).toMatch(/^ds_/);
    await page.locator(`${testId('token-row')}[data-status="active"]`).waitFor();

    const [product] = e2e.platform.products;
    const response = await fetch(`${e2e.platform.webUrl}/api/data/chain/${product!.symbol}`, {
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

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(e2e.platform.realtimeUrl, {
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
    const revoked = await fetch(`${e2e.platform.webUrl}/api/data/chain/${product!.symbol}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('signs out, and a wrong password gets the generic error', async () => {
    await page.goto(e2e.platform.webUrl);
    await page.click(testId('sign-out'));
    // On the host the browser used, though NEXTAUTH_URL names localhost.
    await page.waitForURL(`${e2e.platform.webUrl}/signin`);
    await page.fill(testId('signin-email'), trader.email);
    await page.fill(testId('signin-password'), 'not the password');
    await page.click(testId('signin-submit'));
    await expect.poll(() => page.locator(testId('signin-error')).innerText()).toBe('invalid credentials');
    await page.fill(testId('signin-email'), trader.email);
    await page.fill(testId('signin-password'), trader.password);
    await page.click(testId('signin-submit'));
    await page.waitForURL(`${e2e.platform.webUrl}/`);
    await page.locator(testId('chain-row')).first().waitFor({ timeout: 20_000 });
  });
});
