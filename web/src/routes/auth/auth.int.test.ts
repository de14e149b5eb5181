import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@deltastream/auth/access-tokens';
import { verifyPassword } from '@deltastream/auth/passwords';
import { MAX_ACTIVE_API_TOKENS_PER_USER } from '@deltastream/auth/rules';
import { getUserByEmail } from '@deltastream/db/queries';
import { useWebTest } from '../../server/test-harness';
import {
  createTokenRoute as createToken,
  listTokensRoute as listTokens,
  revokeTokenRoute as revokeToken,
} from '../api-tokens';
import { loginRoute as login } from './login';
import { REGISTRATION_ACCEPTED } from '../../server/accounts';
import { registerRoute as register } from './register';
import { socketTokenRoute as socketToken } from './token';
import { verifyRoute as verify } from './verify';

const ATTEMPTS_PER_ACCOUNT = 3;
const ATTEMPTS_PER_IP = 6;
const web = useWebTest({
  LOGIN_ATTEMPTS_PER_ACCOUNT: String(ATTEMPTS_PER_ACCOUNT),
  LOGIN_ATTEMPTS_PER_IP: String(ATTEMPTS_PER_IP),
  ACCESS_TOKEN_TTL_SECONDS: '600',
});

/** An address of its own per test, so the per-address counters do not leak between tests or reruns. */
const freshAddress = () => ({
  'x-forwarded-for': `203.0.113.${randomInt(1, 255)}, 10.1.${randomInt(256)}.${randomInt(1, 255)}`,
});
const uniqueEmail = () => `Trader.${randomBytes(4).toString('hex')}@Example.com`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface LoginBody {
  token: string;
  token_type: string;
  expires_in: number;
  expires_at: string;
  user: { id: string; email: string; role: string };
}

async function registered(password = 'correct horse battery') {
  const email = uniqueEmail();
  const response = await web.call(register, '/api/auth/register', {
    body: { email, password, name: 'Ada' },
    headers: freshAddress(),
  });
  expect(response.status).toBe(201);
  const user = await getUserByEmail(web.database.db, email);
  if (!user) throw new Error(`${email} was not registered`);
  return { email, password, user };
}

async function loggedIn() {
  const account = await registered();
  const response = await web.call<LoginBody>(login, '/api/auth/login', {
    body: { email: account.email, password: account.password },
    headers: freshAddress(),
  });
  expect(response.status).toBe(200);
  return { ...account, token: response.body.token };
}

describe('POST /api/auth/register', () => {
  it('creates the account with a normalised email and an argon2id hash', async () => {
    const email = uniqueEmail();
    const response = await web.call(register, '/api/auth/register', {
      body: { email: `  ${email} `, password: 'correct horse battery' },
      headers: freshAddress(),
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ message: REGISTRATION_ACCEPTED });
    const stored = await getUserByEmail(web.database.db, email);
    expect(stored).toMatchObject({ email: email.toLowerCase(), role: 'user' });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored?.passwordHash ?? '', 'correct horse battery')).toBe(true);
  });

  it('answers a taken email exactly as a free one, and changes nothing of its account', async () => {
    const { email, password } = await registered();
    const before = await getUserByEmail(web.database.db, email);
    const free = await web.call(register, '/api/auth/register', {
      body: { email: uniqueEmail(), password: 'another password' },
      headers: freshAddress(),
    });
    const taken = await web.call(register, '/api/auth/register', {
      body: { email: email.toUpperCase(), password: 'another password' },
      headers: freshAddress(),
    });
    expect(taken.status).toBe(free.status);
    expect(taken.text).toBe(free.text);
    expect(taken.headers.get('content-type')).toBe(free.headers.get('content-type'));
    expect(await getUserByEmail(web.database.db, email)).toEqual(before);
    const signIn = await web.call(login, '/api/auth/login', {
      body: { email, password },
      headers: freshAddress(),
    });
    expect(signIn.status).toBe(200);
  });

  it('answers 400 naming a bad field', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email', password: 'long enough' }, 'email'],
      [{ email: uniqueEmail(), password: 'short' }, 'password'],
      [{ password: 'long enough' }, 'email'],
      ['{"email":', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await web.call(register, '/api/auth/register', { body, headers: freshAddress() });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field } });
    }
  });
});

describe('POST /api/auth/login', () => {
  it('returns a bearer token that verifies, for any case of the email', async () => {
    const { email, password, user } = await registered();
    const response = await web.call<LoginBody>(login, '/api/auth/login', {
      body: { email: email.toUpperCase(), password },
      headers: freshAddress(),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 600, user: { id: user.id } });
    const check = await verifyAccessToken(web.ctx.config.AUTH_SECRET, response.body.token);
    expect(check).toEqual({
      ok: true,
      claims: { sub: user.id, email: email.toLowerCase(), role: 'user' },
      expiresAt: new Date(response.body.expires_at),
    });
  });

  it('gives one generic answer for a wrong password and an unknown account', async () => {
    const { email } = await registered();
    const headers = freshAddress();
    const wrongPassword = await web.call(login, '/api/auth/login', {
      body: { email, password: 'nope nope' },
      headers,
    });
    const unknown = await web.call(login, '/api/auth/login', {
      body: { email: uniqueEmail(), password: 'nope nope' },
      headers,
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'invalid credentials' } });
  });

  it('locks an account after repeated failures, even from new addresses and with the right password', async () => {
    const { email, password } = await registered();
    for (let i = 0; i < ATTEMPTS_PER_ACCOUNT; i += 1) {
      const failed = await web.call(login, '/api/auth/login', {
        body: { email, password: 'wrong guess' },
        headers: freshAddress(),
      });
      expect(failed.status).toBe(401);
    }
    const locked = await web.call(login, '/api/auth/login', {
      body: { email, password },
      headers: freshAddress(),
    });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(web.ctx.config.LOGIN_RATE_WINDOW_SECONDS);
    expect(locked.body).toMatchObject({
      error: { code: 'RATE_LIMITED', message: `too many sign-in attempts; try again in ${retryAfter} s` },
    });
  });

  it('limits failures per address across accounts; a success clears only the account count', async () => {
    const headers = freshAddress();
    const { email, password } = await registered();
    // One failure short of the account's lock, each from another address, then the right password.
    const failThenSignIn = async () => {
      for (let i = 0; i < ATTEMPTS_PER_ACCOUNT - 1; i += 1) {
        await web.call(login, '/api/auth/login', {
          body: { email, password: 'wrong guess' },
          headers: freshAddress(),
        });
      }
      const signIn = { body: { email, password }, headers: freshAddress() };
      expect((await web.call(login, '/api/auth/login', signIn)).status).toBe(200);
    };
    await failThenSignIn();
    // Cleared: the account takes its full allowance of failures again before locking.
    await failThenSignIn();

    for (let i = 0; i < ATTEMPTS_PER_IP; i += 1) {
      const failed = await web.call(login, '/api/auth/login', {
        body: { email: uniqueEmail(), password: 'wrong guess' },
        headers,
      });
      expect(failed.status).toBe(401);
    }
    const blocked = await web.call(login, '/api/auth/login', { body: { email, password }, headers });
    expect(blocked.status).toBe(429);
  });
});

describe('sign-in limits under parallel attempts', () => {
  /** Password verifications done so far, by the sign-in metric (each one counts as success or invalid). */
  async function verifications(): Promise<{ verified: number; refused: number }> {
    const { values } = await web.ctx.metrics.loginAttempts.get();
    const count = (outcome: string) => values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    return { verified: count('success') + count('invalid'), refused: count('rate_limited') };
  }

  it('verifies no more guesses than the account allows, however many race, and then refuses the right password', async () => {
    const { email, password } = await registered();
    const before = await verifications();
    const guesses = await Promise.all(
      Array.from({ length: 30 }, () =>
        web.call(login, '/api/auth/login', {
          body: { email, password: 'wrong guess' },
          headers: freshAddress(),
        }),
      ),
    );
    const after = await verifications();
    expect(after.verified - before.verified).toBe(ATTEMPTS_PER_ACCOUNT);
    expect(after.refused - before.refused).toBe(30 - ATTEMPTS_PER_ACCOUNT);
    const statuses = guesses.map((guess) => guess.status).sort();
    expect(statuses).toEqual([
      ...Array<number>(ATTEMPTS_PER_ACCOUNT).fill(401),
      ...Array<number>(30 - ATTEMPTS_PER_ACCOUNT).fill(429),
    ]);
    const right = await web.call(login, '/api/auth/login', {
      body: { email, password },
      headers: freshAddress(),
    });
    expect(right.status).toBe(429);
  });

  it('verifies no more guesses from one address than it allows, across accounts', async () => {
    const headers = freshAddress();
    const before = await verifications();
    const guesses = await Promise.all(
      Array.from({ length: 3 * ATTEMPTS_PER_IP }, () =>
        web.call(login, '/api/auth/login', {
          body: { email: uniqueEmail(), password: 'wrong guess' },
          headers,
        }),
      ),
    );
    expect((await verifications()).verified - before.verified).toBe(ATTEMPTS_PER_IP);
    expect(guesses.filter((guess) => guess.status === 401)).toHaveLength(ATTEMPTS_PER_IP);
  });

  it('counts an address by what our proxy saw, whatever the client writes before it', async () => {
    const proxied = `203.0.113.${randomInt(1, 255)}, 10.2.${randomInt(256)}.${randomInt(1, 255)}`.split(
      ', ',
    )[1]!;
    for (let i = 0; i < ATTEMPTS_PER_IP; i += 1) {
      const spoofed = { 'x-forwarded-for': `198.51.100.${i + 1}, ${proxied}` };
      const failed = await web.call(login, '/api/auth/login', {
        body: { email: uniqueEmail(), password: 'wrong guess' },
        headers: spoofed,
      });
      expect(failed.status).toBe(401);
    }
    const blocked = await web.call(login, '/api/auth/login', {
      body: { email: uniqueEmail(), password: 'wrong guess' },
      headers: { 'x-forwarded-for': `192.0.2.77, ${proxied}` },
    });
    expect(blocked.status).toBe(429);
  });
});

describe('POST /api/auth/verify', () => {
  it('checks a login token from the body or the header', async () => {
    const { token, user } = await loggedIn();
    for (const options of [{ body: { token } }, { headers: bearer(token), body: '' }]) {
      const response = await web.call(verify, '/api/auth/verify', options);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true, kind: 'access-token', user: { id: user.id } });
    }
    const bad = await web.call(verify, '/api/auth/verify', { body: { token: 'x.y.z' } });
    expect(bad.status).toBe(401);
    const none = await web.call(verify, '/api/auth/verify', { body: '' });
    expect(none.status).toBe(401);
  });
});

describe('API tokens', () => {
  it('are created with a session, shown once, used by scripts and revoked at once', async () => {
    const { user, email } = await loggedIn();
    const browser = web.browserHeaders(await web.sessionCookie({ id: user.id, email }));
    const created = await web.call<{ id: string; token: string; prefix: string; scopes: string[] }>(
      createToken,
      '/api/tokens',
      { headers: browser, body: { name: 'notebook' } },
    );
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^ds_/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    expect(created.body.scopes).toEqual(['read:market', 'read:stream']);

    const listed = await web.call<{ tokens: Record<string, unknown>[] }>(listTokens, '/api/tokens', {
      headers: browser,
    });
    expect(listed.body.tokens).toHaveLength(1);
    expect(listed.body.tokens[0]).toMatchObject({ id: created.body.id, name: 'notebook', status: 'active' });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const used = await web.call(verify, '/api/auth/verify', { body: { token: created.body.token } });
    expect(used.body).toMatchObject({
      valid: true,
      kind: 'api-token',
      scopes: ['read:market', 'read:stream'],
    });
    // An API token reads market data; it cannot manage tokens.
    expect((await web.call(listTokens, '/api/tokens', { headers: bearer(created.body.token) })).status).toBe(
      403,
    );

    const revoked = await web.call(revokeToken, `/api/tokens/${created.body.id}`, {
      headers: browser,
    });
    expect(revoked.body).toEqual({ revoked: true, id: created.body.id });
    // Its lookup was cached by the use above; revoking drops it, so the very next request fails.
    expect((await web.call(verify, '/api/auth/verify', { body: { token: created.body.token } })).status).toBe(
      401,
    );
    const again = await web.call(revokeToken, `/api/tokens/${created.body.id}`, {
      headers: browser,
    });
    expect(again.status).toBe(404);
    const listedAfter = await web.call<{ tokens: { status: string }[] }>(listTokens, '/api/tokens', {
      headers: browser,
    });
    expect(listedAfter.body.tokens[0]?.status).toBe('revoked');
  });

  it("cannot revoke another user's token, and validates input", async () => {
    const owner = await loggedIn();
    const other = await loggedIn();
    const created = await web.call<{ id: string }>(createToken, '/api/tokens', {
      headers: bearer(owner.token),
      body: { name: 'mine', scopes: ['read:market'], expires_in_days: 7 },
    });
    expect(created.status).toBe(201);
    const foreign = await web.call(revokeToken, `/api/tokens/${created.body.id}`, {
      headers: bearer(other.token),
    });
    expect(foreign.status).toBe(404);
    const badId = await web.call(revokeToken, '/api/tokens/x', {
      headers: bearer(other.token),
    });
    expect(badId.body).toMatchObject({ error: { field: 'id' } });
    const badScope = await web.call(createToken, '/api/tokens', {
      headers: bearer(owner.token),
      body: { name: 'x', scopes: ['write:everything'] },
    });
    expect(badScope.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field: 'scopes.0' } });
    expect((await web.call(listTokens, '/api/tokens')).status).toBe(401);
  });

  it(`are limited to ${MAX_ACTIVE_API_TOKENS_PER_USER} active ones per user; revoking one makes room`, async () => {
    const { token } = await loggedIn();
    const create = (name: string) =>
      web.call<{ id: string }>(createToken, '/api/tokens', { headers: bearer(token), body: { name } });
    const created = [];
    for (let i = 0; i < MAX_ACTIVE_API_TOKENS_PER_USER; i += 1) {
      const response = await create(`script ${i}`);
      expect(response.status).toBe(201);
      created.push(response.body.id);
    }
    const refused = await create('one too many');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: 'CONFLICT',
        message: `at most ${MAX_ACTIVE_API_TOKENS_PER_USER} active API tokens per user; revoke one to create another`,
      },
    });
    const revoked = await web.call(revokeToken, `/api/tokens/${created[0]}`, {
      headers: bearer(token),
    });
    expect(revoked.status).toBe(200);
    expect((await create('in its place')).status).toBe(201);
  });
});

describe('POST /api/auth/token', () => {
  it('gives a signed-in browser a realtime token and the gateway address', async () => {
    const { user, email } = await loggedIn();
    const response = await web.call<{ token: string; realtime_url: string }>(socketToken, '/api/auth/token', {
      headers: web.browserHeaders(await web.sessionCookie({ id: user.id, email })),
    });
    expect(response.status).toBe(200);
    expect(response.body.realtime_url).toBe(web.ctx.config.REALTIME_PUBLIC_URL);
    expect(await verifyAccessToken(web.ctx.config.AUTH_SECRET, response.body.token)).toMatchObject({
      ok: true,
    });
    expect((await web.call(socketToken, '/api/auth/token')).status).toBe(401);
  });
});
