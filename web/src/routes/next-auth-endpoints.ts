/**
 * next-auth's own endpoints under /api/auth, which the browser's sign-in form uses: described in
 * /api/docs like the routes, but served and validated by next-auth itself (app/api/auth/[...nextauth]).
 */
import { z } from 'zod';
import { API_SCHEMAS } from '../contracts/api-schemas';
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
const NextAuthSignInSchema = z
  .object({
    csrfToken: z.string(),
    email: z.string(),
    password: z.string(),
    callbackUrl: z.string().optional(),
    json: z.literal('true').optional(),
  })
  .register(API_SCHEMAS, { id: 'NextAuthSignIn' });
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
    path: '/api/auth/callback/credentials',
    tag: 'Accounts',
    summary: 'Browser sign-in (next-auth)',
    description:
      'Sets the session cookie on success. Failed attempts count against the same limits as POST /api/auth/login.',
    access: 'public',
    rateLimited: false,
    body: NextAuthSignInSchema,
    bodyContentType: 'application/x-www-form-urlencoded',
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
