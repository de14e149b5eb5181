/**
 * next-auth's own endpoints under /api/auth, which the dashboard uses for its session and to sign out:
 * described in /api/docs like the routes, but served and validated by next-auth itself
 * (app/api/auth/[...nextauth]), with the auth routes' bound on their bodies.
 */
import { z } from 'zod';
import { API_SCHEMAS } from '../contracts/api-schemas';
import { AUTH_BODY_LIMIT_BYTES } from '../server/body-limit';
import type { DocumentedOperation } from '../server/openapi';

const NextAuthCsrfSchema = z.object({ csrfToken: z.string() }).register(API_SCHEMAS, { id: 'NextAuthCsrf' });
const NextAuthSessionSchema = z
  .object({
    user: z
      .object({
        id: z.string(),
        email: z.string(),
        name: z.string().nullish(),
        role: z.enum(['user', 'admin']),
      })
      .optional(),
    expires: z.string().optional(),
  })
  .register(API_SCHEMAS, { id: 'NextAuthSession' });
const NextAuthSignOutSchema = z
  .object({
    csrfToken: z.string(),
    callbackUrl: z.string().optional(),
    json: z.literal('true').optional(),
  })
  .register(API_SCHEMAS, { id: 'NextAuthSignOut' });
const NextAuthRedirectSchema = z
  .object({ url: z.string() })
  .register(API_SCHEMAS, { id: 'NextAuthRedirect' });

export const NEXT_AUTH_ENDPOINTS: readonly DocumentedOperation[] = [
  {
    method: 'GET',
    path: '/api/auth/csrf',
    tag: 'Accounts',
    summary: 'Sign-in form token (next-auth)',
    access: 'public',
    rateLimited: false,
    response: {
      status: 200,
      description: 'The CSRF token the sign-in form posts back.',
      schema: NextAuthCsrfSchema,
    },
  },
  {
    method: 'POST',
    path: '/api/auth/signout',
    tag: 'Accounts',
    summary: 'Browser sign-out (next-auth)',
    description:
      'Clears the session cookie. `callbackUrl` is followed only when it is a path of this site; the answer names it as a path, on the host the browser is on.',
    access: 'public',
    rateLimited: false,
    body: NextAuthSignOutSchema,
    bodyEncoding: 'form',
    maxBodyBytes: AUTH_BODY_LIMIT_BYTES,
    response: {
      status: 200,
      description: 'Where to go next (with `json=true`).',
      schema: NextAuthRedirectSchema,
    },
  },
  {
    method: 'GET',
    path: '/api/auth/session',
    tag: 'Accounts',
    summary: 'Current browser session (next-auth)',
    access: 'public',
    rateLimited: false,
    response: {
      status: 200,
      description: 'The session; an empty object when signed out.',
      schema: NextAuthSessionSchema,
    },
  },
];
