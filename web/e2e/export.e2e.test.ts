import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChainCsvRowSchema, PcrCsvRowSchema } from '../src/contracts/csv-rows';
import { IvHistoryPointSchema } from '../src/contracts/volatility-history';
import { csvColumns } from '../src/server/csv';
import { useBrowserPlatform } from './use-browser-platform';

/**
 * The dashboard's Download CSV links, in Chromium against the whole platform: a click saves the CSV form
 * of the REST read the table or chart shows, under the server's file name, signed in by the session
 * cookie alone.
 */
const e2e = useBrowserPlatform();
let page: Page;
const trader = {
  email: `export.${randomBytes(4).toString('hex')}@example.com`,
  password: 'a long e2e password',
};
const testId = (id: string) => `[data-testid="${id}"]`;
const today = () => new Date().toISOString().slice(0, 10);

/** Clicks a download link and returns the saved file's name and text. */
async function download(id: string): Promise<{ name: string; text: string }> {
  const [saved]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.click(testId(id)),
  ]);
  const path = await saved.path();
  return { name: saved.suggestedFilename(), text: await readFile(path, 'utf8') };
}

beforeAll(async () => {
  const context = await e2e.browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
  });
  page = await context.newPage();
}, 120_000);

describe('Download CSV on the dashboard', () => {
  it('registers and sees the chain', async () => {
    await page.goto(`${e2e.platform.webUrl}/register`);
    await page.fill(testId('register-name'), 'Export Trader');
    await page.fill(testId('register-email'), trader.email);
    await page.fill(testId('register-password'), trader.password);
    await page.click(testId('register-submit'));
    await page.waitForURL(`${e2e.platform.webUrl}/`);
    await page.locator(testId('chain-row')).first().waitFor({ timeout: 30_000 });
  }, 60_000);

  it('saves the shown chain as one row per strike, calls and puts side by side', async () => {
    const product = await page.locator(testId('product-switcher')).inputValue();
    const strikesShown = await page.locator(testId('chain-row')).count();
    expect(strikesShown).toBeGreaterThan(10);
    const atmShown = Number(
      (await page.locator(`${testId('chain-row')}[data-atm="true"] [data-strike-cell]`).innerText()).replace(
        /[^0-9.]/g,
        '',
      ),
    );
    const { name, text } = await download('chain-download-csv');
    expect(name).toBe(`${product}-chain-${today()}.csv`);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(csvColumns(ChainCsvRowSchema).join(','));
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((line) => line.split(','));
    expect(rows).toHaveLength(strikesShown);
    const strikeAt = lines[0]!.split(',').indexOf('strike');
    const strikes = rows.map((row) => Number(row[strikeAt]));
    expect(strikes).toEqual([...strikes].sort((a, b) => a - b));
    expect(strikes).toContain(atmShown);
  }, 60_000);

  it('saves the PCR trend and the IV history of the charts', async () => {
    const product = await page.locator(testId('product-switcher')).inputValue();
    await page.click(testId('chart-tab-pcr'));
    const pcr = await download('pcr-download-csv');
    expect(pcr.name).toBe(`${product}-pcr-${today()}.csv`);
    expect(pcr.text.split('\r\n')[0]).toBe(csvColumns(PcrCsvRowSchema).join(','));
    expect(pcr.text.split('\r\n').length - 2).toBeGreaterThan(0);

    await page.click(testId('chart-tab-iv-history'));
    const iv = await download('iv-history-download-csv');
    expect(iv.name).toBe(`${product}-iv-history-${today()}.csv`);
    const lines = iv.text.split('\r\n');
    expect(lines[0]).toBe(csvColumns(IvHistoryPointSchema).join(','));
    // A fresh platform is given a year of simulated history.
    expect(lines.length - 2).toBeGreaterThan(200);
  }, 60_000);
});
