import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startPlatform, type Platform, type PlatformOptions } from './platform';

export interface BrowserPlatform {
  platform: Platform;
  browser: Browser;
}

/**
 * A browser test file's set-up: the tiers (startPlatform with `options`) and Chromium, started before the
 * file's own beforeAll hooks and stopped after its afterAll hooks. The fields are filled in by beforeAll:
 * read them in hooks and tests, not at load.
 */
export function useBrowserPlatform(options: PlatformOptions = {}): BrowserPlatform {
  const started = {} as BrowserPlatform;
  beforeAll(async () => {
    started.platform = await startPlatform(options);
    started.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.platform?.stop();
  }, 60_000);
  return started;
}
