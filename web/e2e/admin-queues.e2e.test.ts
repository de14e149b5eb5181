import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@deltastream/auth/passwords';
import { closeMarketQueues, createMarketQueues, type MarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import { createUser } from '@deltastream/db/queries';
import { useBrowserPlatform } from './use-browser-platform';
import { deadLetterChainJob } from '../src/server/queue-fixtures';

const e2e = useBrowserPlatform();
let page: Page;
let queues: MarketQueues;
let redis: Redis;
const admin = {
  email: `ops.${randomBytes(4).toString('hex')}@example.com`,
  password: 'an administrator password',
};
const DEAD_LETTER_ERROR = 'calls.2.open_interest: Invalid input: expected number, received string';

async function signIn(email: string, password: string) {
  await page.goto(`${e2e.platform.webUrl}/signin?callbackUrl=/admin/queues`);
  await page.fill('[data-testid="signin-email"]', email);
  await page.fill('[data-testid="signin-password"]', password);
  await page.click('[data-testid="signin-submit"]');
}

beforeAll(async () => {
  redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue', {
    prefix: e2e.platform.redisPrefix,
  });
  queues = createMarketQueues(redis, e2e.platform.redisPrefix);
  await createUser(e2e.platform.database.db, {
    email: admin.email,
    passwordHash: await hashPassword(admin.password),
    name: 'Operator',
    role: 'admin',
  });
  page = await (await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}, 120_000);

afterAll(async () => {
  await closeMarketQueues(queues);
  redis.disconnect();
}, 60_000);

describe('the queue dashboard', () => {
  it('shows an administrator the live queues and a dead-lettered job with its error, and purges it', async () => {
    await deadLetterChainJob(queues, DEAD_LETTER_ERROR);
    await signIn(admin.email, admin.password);
    await page.waitForURL(`${e2e.platform.webUrl}/admin/queues`);
    const counts = page.locator('[data-testid="queue-counts"]');
    await counts.waitFor();
    // The feed is running: the chains queue has processed jobs by now.
    await expect
      .poll(
        async () =>
          Number(
            (await counts.locator(`tr[data-queue="${queues.chains.name}"] td`).nth(5).innerText()).replace(
              /\D/g,
              '',
            ),
          ),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="dead-letters"]').innerText())
      .toContain(DEAD_LETTER_ERROR);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('text=Purge all');
    await expect.poll(() => queues.deadLetter.count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="dead-letters"]').innerText())
      .not.toContain(DEAD_LETTER_ERROR);
  });

  it('is not shown to a trader', async () => {
    await page.context().clearCookies();
    const trader = {
      email: `trader.${randomBytes(4).toString('hex')}@example.com`,
      password: 'a trader password',
    };
    await createUser(e2e.platform.database.db, {
      email: trader.email,
      passwordHash: await hashPassword(trader.password),
      name: 'Trader',
    });
    await signIn(trader.email, trader.password);
    await page.waitForURL(`${e2e.platform.webUrl}/admin/queues`);
    expect(await page.locator('[data-testid="queue-counts"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).toMatch(/404|could not be found/i);
  });
});
