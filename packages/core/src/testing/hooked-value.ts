import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** What a test file sets up in its hooks: made by `start`, released by `stop`. */
export interface HookedValueSpec<T> {
  /** What the value is, for the error thrown when it is read before it exists. */
  what: string;
  start(): Promise<T>;
  stop?(value: T): Promise<void> | void;
  /** `file`: one value for the file's tests (beforeAll/afterAll); `test`: one per test (beforeEach/afterEach). */
  per?: 'file' | 'test';
}

/**
 * Registers the hooks that make and release a value and returns its reader. A file calls this once at its
 * top level, where the value does not exist yet, and reads it in its tests and hooks: vitest runs
 * before-hooks in the order they are registered and after-hooks in reverse, so hooks the file registers
 * after this call see the value, and the file's own clean-up runs before the value is released.
 */
export function useHookedValue<T>(spec: HookedValueSpec<T>): () => T {
  const [before, after] = spec.per === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  let current: { value: T } | undefined;
  before(async () => {
    current = { value: await spec.start() };
  });
  after(async () => {
    const started = current;
    current = undefined;
    if (started !== undefined) await spec.stop?.(started.value);
  });
  return () => {
    if (current === undefined) {
      const hook = spec.per === 'test' ? 'beforeEach' : 'beforeAll';
      throw new Error(`${spec.what} is made in ${hook}: use it in a hook or a test`);
    }
    return current.value;
  };
}

/**
 * `useHookedValue` for an object: what it returns reads each field through to the value of the moment, so
 * a file holds it as if it were the value. A field is handed over as it is (a callable client keeps its
 * own properties); a method called on the stand-in reads its fields through it too.
 */
export function useHookedObject<T extends object>(spec: HookedValueSpec<T>): T {
  const current = useHookedValue(spec);
  return new Proxy({} as T, { get: (_, field) => Reflect.get(current(), field) });
}
