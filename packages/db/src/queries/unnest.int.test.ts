import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../use-test-database';
import { arrayLiteral } from './unnest';

describe('arrayLiteral in PostgreSQL', () => {
  const test = useTestDatabase([]);

  it('reads back every string and null as written, on the fast path and off it', async () => {
    const strings = ['NIFTY', 'a"b', 'c\\d', 'x,y', '{}', ' padded ', 'NULL', '', 'é₹', 'c\\n', null];
    const withControl = [...strings, 'line\nbreak', 'tab\there'];
    for (const values of [strings, withControl]) {
      const [row] = await test.db.execute<{ values: (string | null)[] }>(
        sql`select to_json(${arrayLiteral(values)}::text[]) as values`,
      );
      expect(row?.values).toEqual(values);
    }
  });
});
