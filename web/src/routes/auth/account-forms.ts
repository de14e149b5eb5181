import {
  ACCOUNT_FORM_ACTIONS,
  ACCOUNT_PAGES,
  accountFormPage,
  RegisterFormSchema,
  SignInFormSchema,
  type AccountFormError,
} from '../../contracts/account-forms';
import { CredentialsSchema, RegistrationSchema } from '../../contracts/accounts';
import { registerAccount, signInWithPassword } from '../../server/accounts';
import { AUTH_BODY_LIMIT_BYTES } from '../../server/body-limit';
import type { WebContext } from '../../server/context';
import { requestOrigin } from '../../server/client-address';
import { AppError } from '../../server/errors';
import { defineRoute } from '../../server/route';
import { safeCallbackPath } from '../../server/safe-callback';
import { sessionSetCookie } from '../../server/session-cookie';

/**
 * 303 See Other to a path of this site: the browser follows it with a GET, on the host it is on (the
 * Location is relative), and the form's post is not repeated on reload.
 */
function seeOther(path: string, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status: 303,
    headers: { location: path, 'cache-control': 'no-store', ...headers },
  });
}

/** Back to the form with the code of what went wrong (429s with their wait). */
function refused(page: string, error: unknown, callbackPath: string): Response {
  if (error instanceof AppError && error.code === 'RATE_LIMITED') {
    const retry = Number(error.options.headers?.['retry-after']);
    return seeOther(accountFormPage(page, 'rate_limited', callbackPath, retry));
  }
  if (error instanceof AppError && error.code === 'UNAUTHORIZED') {
    return seeOther(accountFormPage(page, 'credentials', callbackPath));
  }
  throw error;
}

/** Signs the user in and sends the browser on, with the session cookie set. */
async function signedIn(
  ctx: WebContext,
  credentials: { email: string; password: string },
  address: string,
  callbackPath: string,
): Promise<Response> {
  const user = await signInWithPassword(ctx, credentials, address);
  return seeOther(callbackPath, { 'set-cookie': await sessionSetCookie(ctx.config.AUTH_SECRET, user) });
}

/** What both forms declare alike: a public POST of form fields within the sign-in body limit, answered 303. */
const FORM_SPEC = {
  method: 'POST',
  access: 'public',
  tag: 'Accounts',
  bodyEncoding: 'form',
  maxBodyBytes: AUTH_BODY_LIMIT_BYTES,
  response: {
    status: 303,
    description:
      'To the path in callbackUrl when it is one of this site (else /), signed in: the session cookie is set. A refused post goes back to its page with `error` (and `retry`, the seconds to wait) in the query.',
  },
} as const;

/** Where the browser goes after the form: the post's callbackUrl when it is a path of this site, else /. */
function callbackPathOf(ctx: WebContext, req: Request, callbackUrl: string | undefined): string {
  return safeCallbackPath(callbackUrl, requestOrigin(req, ctx.config.TRUSTED_PROXY_HOPS));
}

/** The sign-in page's form: the same credentials, limits and generic failure as POST /api/auth/login. */
export const signInFormRoute = defineRoute(
  {
    ...FORM_SPEC,
    path: ACCOUNT_FORM_ACTIONS.signIn,
    summary: 'Sign in (the sign-in form)',
    description:
      "The sign-in page's HTML form post. Sets the browser's session cookie; failures count against the same limits as POST /api/auth/login. Must come from this site (Origin).",
    body: SignInFormSchema,
  },
  async ({ ctx, req, body, address }) => {
    const callbackPath = callbackPathOf(ctx, req, body.callbackUrl);
    const credentials = CredentialsSchema.safeParse(body);
    if (!credentials.success)
      return seeOther(accountFormPage(ACCOUNT_PAGES.signIn, 'credentials', callbackPath));
    try {
      return await signedIn(ctx, credentials.data, address, callbackPath);
    } catch (error) {
      return refused(ACCOUNT_PAGES.signIn, error, callbackPath);
    }
  },
);

/**
 * The register page's form: registers as POST /api/auth/register does, then signs in with the same
 * credentials. An email that already has an account registers nothing; signing in then succeeds only
 * with that account's password, so the form tells no more than the sign-in form would.
 */
export const registerFormRoute = defineRoute(
  {
    ...FORM_SPEC,
    path: ACCOUNT_FORM_ACTIONS.register,
    summary: 'Register and sign in (the register form)',
    description:
      "The register page's HTML form post: creates the account as POST /api/auth/register does and signs the browser in. Must come from this site (Origin).",
    body: RegisterFormSchema,
  },
  async ({ ctx, req, body, address }) => {
    const callbackPath = callbackPathOf(ctx, req, body.callbackUrl);
    const registration = RegistrationSchema.safeParse({ ...body, name: body.name?.trim() || undefined });
    if (!registration.success) {
      const field = registration.error.issues[0]?.path[0];
      const error: AccountFormError = field === 'password' || field === 'name' ? field : 'email';
      return seeOther(accountFormPage(ACCOUNT_PAGES.register, error, callbackPath));
    }
    try {
      await registerAccount(ctx, registration.data, address);
    } catch (error) {
      return refused(ACCOUNT_PAGES.register, error, callbackPath);
    }
    try {
      return await signedIn(ctx, registration.data, address, callbackPath);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') {
        return seeOther(accountFormPage(ACCOUNT_PAGES.register, 'not_signed_in', callbackPath));
      }
      return refused(ACCOUNT_PAGES.register, error, callbackPath);
    }
  },
);
