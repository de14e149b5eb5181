/**
 * The sign-in and register pages' forms: plain HTML forms that post to web (no script needed, so they
 * work before and without hydration, and a password never lands in a URL), answered by a redirect: to the
 * page the user came for, signed in, or back to the form with an error code the page turns into its
 * message. Codes, never text, travel in the URL, so a crafted link cannot put words on our page.
 */
import { z } from 'zod';
import { API_SCHEMAS } from './api-schemas';

export const ACCOUNT_FORM_ACTIONS = {
  signIn: '/api/auth/form/signin',
  register: '/api/auth/form/register',
} as const;

/** The pages the forms live on, where a refused post is sent back to. */
export const ACCOUNT_PAGES = { signIn: '/signin', register: '/register' } as const;

/** What a form posts; every field is checked by the route, which answers every mistake with a redirect. */
export const SignInFormSchema = z
  .object({
    email: z.string().optional(),
    password: z.string().optional(),
    callbackUrl: z.string().optional(),
  })
  .register(API_SCHEMAS, { id: 'SignInForm' });
export const RegisterFormSchema = SignInFormSchema.extend({ name: z.string().optional() }).register(
  API_SCHEMAS,
  { id: 'RegisterForm' },
);

export const ACCOUNT_FORM_ERRORS = {
  credentials: 'invalid credentials',
  rate_limited: 'too many attempts; try again later',
  email: 'enter an email address',
  password: 'choose a password of 8 characters or more',
  name: 'a name is at most 100 characters',
  not_signed_in:
    'could not sign in with this email and password: if the email already has an account, sign in with its password',
} as const;
export type AccountFormError = keyof typeof ACCOUNT_FORM_ERRORS;

/** The message of an error code from the URL; nothing for a code we did not write. */
export function accountFormErrorMessage(code: string | undefined, retryAfterSeconds?: string): string | null {
  if (code === undefined || !Object.hasOwn(ACCOUNT_FORM_ERRORS, code)) return null;
  const seconds = Number(retryAfterSeconds);
  if (code === 'rate_limited' && Number.isInteger(seconds) && seconds > 0) {
    return `too many attempts; try again in ${seconds} s`;
  }
  return ACCOUNT_FORM_ERRORS[code as AccountFormError];
}

/** The page a refused post goes back to: its error code, the wait, and where the user was going. */
export function accountFormPage(
  page: string,
  error: AccountFormError,
  callbackPath: string,
  retryAfterSeconds?: number,
): string {
  const query = new URLSearchParams({ error });
  if (retryAfterSeconds !== undefined) query.set('retry', String(retryAfterSeconds));
  if (callbackPath !== '/') query.set('callbackUrl', callbackPath);
  return `${page}?${query}`;
}
