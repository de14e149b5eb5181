/**
 * Account rules that browsers need too (form hints, scope pickers): plain constants with no Node
 * imports, so client bundles can import them without pulling in argon2 or node:crypto.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * What an API token may do: `read:market` reads market data and analytics over REST; `read:stream`
 * subscribes to live updates on the realtime gateway. A new token gets both unless its owner narrows it.
 */
export const API_TOKEN_SCOPES = ['read:market', 'read:stream'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/**
 * Active (neither revoked nor expired) API tokens one user may hold: enough for a token per script and
 * machine, few enough that a leaked session cannot mint tokens without bound.
 */
export const MAX_ACTIVE_API_TOKENS_PER_USER = 25;
