/**
 * An analytic input that makes no sense (negative open interest, a non-finite price, an empty chain …).
 * `field` names the offending input (`calls[3].open_interest`) so the boundary layer can answer 400 with it.
 */
export class AnalyticsInputError extends Error {
  override readonly name = 'AnalyticsInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

// Written as comparisons that NaN fails, so hot loops can test inline and only build a message on failure.
export function isFinitePositive(value: number): boolean {
  return value > 0 && value < Infinity;
}

export function isFiniteNonNegative(value: number): boolean {
  return value >= 0 && value < Infinity;
}

const RULES = {
  finite: {
    test: (v: number | null) => v !== null && Number.isFinite(v),
    message: 'must be a finite number',
  },
  positive: {
    test: (v: number | null) => v !== null && isFinitePositive(v),
    message: 'must be a finite number > 0',
  },
  nonNegative: {
    test: (v: number | null) => v !== null && isFiniteNonNegative(v),
    message: 'must be a finite number ≥ 0',
  },
  nonNegativeOrNull: {
    test: (v: number | null) => v === null || isFiniteNonNegative(v),
    message: 'must be null or a finite number ≥ 0',
  },
} as const;

type NumberRule = keyof typeof RULES;

/** The error for `value` breaking `rule`, for callers that test inline. */
export function invalidNumber(value: number | null, field: string, rule: NumberRule): AnalyticsInputError {
  return new AnalyticsInputError(field, `${RULES[rule].message}, got ${value}`);
}

export function requireNumber(value: number | null, field: string, rule: NumberRule): void {
  if (!RULES[rule].test(value)) throw invalidNumber(value, field, rule);
}

/** Checks `key` of every item; the field path is only built for the error. */
export function requireEach<K extends string>(
  items: readonly { readonly [P in K]: number | null }[],
  list: string,
  key: K,
  rule: NumberRule,
): void {
  const { test } = RULES[rule];
  for (let i = 0; i < items.length; i += 1) {
    const value = items[i]![key];
    if (!test(value)) throw invalidNumber(value, `${list}[${i}].${key}`, rule);
  }
}

const knownTimeZones = new Set(['UTC']);

/** Throws unless `timeZone` is an IANA time zone this runtime knows. */
export function requireTimeZone(timeZone: string): void {
  if (knownTimeZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new AnalyticsInputError('timeZone', `unknown IANA time zone "${timeZone}"`);
  }
  knownTimeZones.add(timeZone);
}
