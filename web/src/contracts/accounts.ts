/**
 * The contract of the account routes: registration, sign-in for scripts, token checks and API tokens.
 * Handlers validate with these, the settings page types its queries with them, and `/api/docs` documents them.
 */
import { z } from 'zod';
import { API_TOKEN_SCOPES, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@deltastream/auth/rules';
import { API_SCHEMAS } from './api-schemas';

/** Surrounding spaces (a paste) are dropped before the address is checked. */
const EmailSchema = z.string().trim().pipe(z.email('must be an email address').max(254));

export const CredentialsSchema = z
  .object({
    email: EmailSchema,
    password: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH),
  })
  .register(API_SCHEMAS, { id: 'Credentials' });
export type Credentials = z.infer<typeof CredentialsSchema>;

export const RegistrationSchema = z
  .object({
    email: EmailSchema,
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(MAX_PASSWORD_LENGTH),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .register(API_SCHEMAS, { id: 'Registration' });
export type Registration = z.infer<typeof RegistrationSchema>;

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: z.enum(['user', 'admin']),
  })
  .register(API_SCHEMAS, { id: 'User' });

/** One answer whether or not the address had an account (see registerAccount). */
export const RegisterResponseSchema = z
  .object({ message: z.string() })
  .register(API_SCHEMAS, { id: 'RegisterResponse' });

/** A short-lived bearer token (HS256 JWT) for REST and the realtime gateway. */
export const AccessTokenResponseSchema = z
  .object({
    token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    expires_at: z.iso.datetime({ offset: true }),
  })
  .register(API_SCHEMAS, { id: 'AccessTokenResponse' });
export const LoginResponseSchema = AccessTokenResponseSchema.extend({ user: UserSchema }).register(
  API_SCHEMAS,
  { id: 'LoginResponse' },
);
export const SocketTokenResponseSchema = AccessTokenResponseSchema.extend({ realtime_url: z.url() }).register(
  API_SCHEMAS,
  { id: 'SocketTokenResponse' },
);
export type SocketTokenResponse = z.infer<typeof SocketTokenResponseSchema>;

/** The token to check; without a body, the request's own bearer token is checked. */
export const VerifyRequestSchema = z
  .object({ token: z.string().min(1, 'is required') })
  .register(API_SCHEMAS, { id: 'VerifyRequest' })
  .optional();
export const VerifyResponseSchema = z
  .object({
    valid: z.literal(true),
    kind: z.enum(['session', 'access-token', 'api-token']),
    scopes: z.array(z.enum(API_TOKEN_SCOPES)),
    user: UserSchema.omit({ name: true }),
  })
  .register(API_SCHEMAS, { id: 'VerifyResponse' });

export const CreateApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    scopes: z
      .array(z.enum(API_TOKEN_SCOPES))
      .min(1, 'must hold at least one scope')
      .default([...API_TOKEN_SCOPES]),
    /** Omitted: the token lasts until revoked. */
    expires_in_days: z.number().int().min(1).max(3650).optional(),
  })
  .register(API_SCHEMAS, { id: 'CreateApiTokenRequest' });

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The secret's first characters, to tell tokens apart. */
    prefix: z.string(),
    scopes: z.array(z.string()),
    status: z.enum(['active', 'revoked', 'expired']),
    created_at: z.iso.datetime({ offset: true }),
    last_used_at: z.iso.datetime({ offset: true }).nullable(),
    expires_at: z.iso.datetime({ offset: true }).nullable(),
    revoked_at: z.iso.datetime({ offset: true }).nullable(),
  })
  .register(API_SCHEMAS, { id: 'ApiToken' });
export type ApiTokenJson = z.infer<typeof ApiTokenSchema>;
export const ApiTokenListResponseSchema = z
  .object({ tokens: z.array(ApiTokenSchema) })
  .register(API_SCHEMAS, { id: 'ApiTokenListResponse' });
/** The one response that carries the secret. */
export const CreatedApiTokenResponseSchema = ApiTokenSchema.extend({ token: z.string() }).register(
  API_SCHEMAS,
  { id: 'CreatedApiTokenResponse' },
);
export const RevokeApiTokenResponseSchema = z
  .object({ revoked: z.literal(true), id: z.uuid() })
  .register(API_SCHEMAS, { id: 'RevokeApiTokenResponse' });
