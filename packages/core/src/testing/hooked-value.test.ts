import { afterAll, describe, expect, it } from 'vitest';
import { useHookedObject, useHookedValue } from './hooked-value';

/** A value whose method reads `this`. */
class Account {
  constructor(readonly balance: number) {}
  deposit(amount: number): number {
    return this.balance + amount;
  }
}

const released: number[] = [];

afterAll(() => {
  // The file's last hook: the describe block's own after-hooks have run, so the value is released.
  expect(released).toEqual([100]);
});

describe('useHookedValue', () => {
  let made = 0;
  const perTest = useHookedValue({ what: 'the counter', per: 'test', start: async () => ++made });
  const perFile = useHookedValue({
    what: 'the file value',
    start: async () => 100,
    stop: (value) => void released.push(value),
  });
  const account = useHookedObject({
    what: 'the account',
    per: 'test',
    start: async () => new Account(made * 10),
  });
  const unread = (() => {
    try {
      perFile();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  })();

  it('names the value and its hook when read before the hook ran', () => {
    expect(unread).toBe('the file value is made in beforeAll: use it in a hook or a test');
    expect(perTest()).toBe(1);
  });

  it('makes a value per test when asked, and one per file otherwise', () => {
    expect(perTest()).toBe(2);
    expect(perFile()).toBe(100);
    expect(released).toEqual([]);
  });

  afterAll(() => {
    // Registered after the hooks above, so it runs before the file value is released.
    expect(released).toEqual([]);
  });

  it("reads an object through to the value of the moment, its methods reading that value's fields", () => {
    expect(account.balance).toBe(made * 10);
    expect(account.deposit(5)).toBe(made * 10 + 5);
  });
});
