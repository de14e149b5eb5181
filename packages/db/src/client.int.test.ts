import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, databaseAnswers } from './client';
import { createTestDatabase, type TestDatabase } from './testing';

let database: TestDatabase;
/** Accepts connections and never says a word: a server that hangs. */
let silent: Server;
const sockets = new Set<Socket>();
beforeAll(async () => {
  database = await createTestDatabase({ max: 1 });
  silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  silent.close();
  await database.drop();
});

describe('databaseAnswers', () => {
  it('is true when PostgreSQL answers, from a handle or from its Drizzle database alone', async () => {
    expect(await databaseAnswers(database)).toBe(true);
    expect(await databaseAnswers({ db: database.db })).toBe(true);
  });

  it('is false within its timeout when the server hangs, and when it refuses', async () => {
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const hanging = createDb(`postgres://postgres@127.0.0.1:${port}/none`, { max: 1 });
    const refusing = createDb('postgres://postgres@127.0.0.1:1/none', { max: 1 });
    try {
      const started = performance.now();
      expect(await databaseAnswers(hanging, 200)).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(await databaseAnswers(refusing, 2_000)).toBe(false);
    } finally {
      await Promise.all([hanging.sql.end({ timeout: 0 }), refusing.sql.end({ timeout: 0 })]);
    }
  });
});
