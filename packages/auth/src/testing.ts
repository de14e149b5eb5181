import type { Db } from '@deltastream/db/client';
import { createApiToken } from '@deltastream/db/queries';
import { generateApiToken } from './api-tokens';

/** An API token as a test holds it: the secret to send, and the id and hash its record is found by. */
export interface TestApiToken {
  id: string;
  token: string;
  tokenHash: string;
}

/**
 * A new API token of `userId`, stored as the token route stores one (only the hash and the prefix of
 * the secret), for tests that authenticate with it or revoke it.
 */
export async function createTestApiToken(
  db: Db,
  input: { userId: string; name: string; scopes: string[]; expiresAt?: Date | null },
): Promise<TestApiToken> {
  const { token, tokenPrefix, tokenHash } = generateApiToken();
  const record = await createApiToken(db, { ...input, tokenPrefix, tokenHash });
  return { id: record.id, token, tokenHash };
}
