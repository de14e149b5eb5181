import { issueAccessToken } from '@deltastream/auth/access-tokens';
import { generateApiToken } from '@deltastream/auth/api-tokens';
import { createTestApiToken } from '@deltastream/auth/testing';
import { createTestDatabase, createTestUser, type TestDatabase } from '@deltastream/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueWith, connect, startGateway, TEST_SECRET, type Gateway } from './test-harness';

const products = catalogueWith([]);
let database: TestDatabase;
let privateGateway: Gateway;
let publicGateway: Gateway;
let apiToken: string;
let restOnlyApiToken: string;
const opened: Array<{ socket: { close(): void } }> = [];

const claims = { sub: 'user-1', email: 'trader@example.com', role: 'user' as const };

async function connected(url: string, options: Parameters<typeof connect>[1]) {
  const client = await connect(url, options);
  opened.push(client);
  return client;
}

function refusal(url: string, options: Parameters<typeof connect>[1]): Promise<string> {
  return connect(url, options).then(
    (client) => {
      opened.push(client);
      throw new Error('connection was accepted');
    },
    (error: Error) => error.message,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  const user = await createTestUser(database.db, 'script@example.com');
  const tokenWith = async (scopes: string[]) =>
    (await createTestApiToken(database.db, { userId: user.id, name: scopes.join(' '), scopes })).token;
  apiToken = await tokenWith(['read:market', 'read:stream']);
  restOnlyApiToken = await tokenWith(['read:market']);
  privateGateway = await startGateway({ products, db: database.db, publicMarketData: false });
  publicGateway = await startGateway({ products, db: database.db, publicMarketData: true });
});

afterAll(async () => {
  for (const client of opened) client.socket.close();
  await privateGateway?.close();
  await publicGateway?.close();
  await database?.drop();
});

describe('handshake authentication', () => {
  it('accepts a valid access token from the auth payload, the bearer header or the query', async () => {
    const { token } = await issueAccessToken(TEST_SECRET, claims);
    for (const options of [
      { token },
      { headers: { authorization: `Bearer ${token}` } },
      { query: { token } },
    ]) {
      const client = await connected(privateGateway.url, options);
      expect(client.payloads('connected')).toEqual([
        {
          message: 'Connected to DeltaStream gateway',
          client_id: client.socket.id,
          rooms: ['general'],
          user: 'trader@example.com',
        },
      ]);
    }
  });

  it('accepts an active API token', async () => {
    const client = await connected(privateGateway.url, { token: apiToken });
    expect(client.payloads('connected')[0]).toMatchObject({ user: 'script@example.com' });
  });

  it('refuses an API token without the read:stream scope', async () => {
    expect(await refusal(privateGateway.url, { token: restOnlyApiToken })).toBe(
      'unauthorized: this API token lacks the read:stream scope',
    );
  });

  it('refuses bad, expired, foreign and unknown tokens, even when public access is on', async () => {
    const { token: expired } = await issueAccessToken(TEST_SECRET, claims, {
      ttlSeconds: 60,
      now: new Date(Date.now() - 3_600_000),
    });
    const { token: foreign } = await issueAccessToken('another-secret-of-at-least-32-characters!', claims);
    for (const url of [privateGateway.url, publicGateway.url]) {
      expect(await refusal(url, { token: 'garbage' })).toBe('unauthorized: invalid token');
      expect(await refusal(url, { token: expired })).toBe('unauthorized: token expired');
      expect(await refusal(url, { token: foreign })).toBe('unauthorized: invalid token');
      expect(await refusal(url, { token: generateApiToken().token })).toBe(
        'unauthorized: unknown, revoked or expired API token',
      );
    }
  });

  it('refuses a token that is not a string instead of admitting the client as anonymous', async () => {
    for (const token of [123, { value: apiToken }]) {
      expect(await refusal(publicGateway.url, { auth: { token } })).toBe(
        'unauthorized: auth.token must be a non-empty string',
      );
    }
  });

  it('refuses a client without a token unless market data is public', async () => {
    expect(await refusal(privateGateway.url, {})).toBe('unauthorized: a token is required');
    const anonymous = await connected(publicGateway.url, {});
    expect(anonymous.payloads('connected')[0]).toMatchObject({ user: null });
  });
});
