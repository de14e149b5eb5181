import type { AuthOptions } from 'next-auth';
import { getContext } from './context';
import { safeCallbackPath } from './safe-callback';
import { SESSION_MAX_AGE_SECONDS, secureSessionCookie } from './session-cookie';

/**
 * next-auth keeps the browser session: JWT sessions (stateless: any web pod verifies a cookie without a
 * database read), read by pages (getServerSession), the dashboard (useSession) and sign-out. The
 * session is started by the sign-in and register forms (routes/auth/account-forms.ts), which set the
 * cookie next-auth reads; next-auth itself signs no one in, so it has no provider.
 */
export function buildAuthOptions(): AuthOptions {
  const ctx = getContext();
  return {
    secret: ctx.config.AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureSessionCookie(),
    pages: { signIn: '/signin' },
    providers: [],
    callbacks: {
      // Relative, so a browser on 127.0.0.1 stays there after signing out though NEXTAUTH_URL names
      // localhost; and never off-site.
      redirect: ({ url, baseUrl }) => safeCallbackPath(url, baseUrl),
      session({ session, token }) {
        session.user = { ...session.user, id: token.sub ?? '', role: token.role ?? 'user' };
        return session;
      },
    },
    logger: {
      error: (code, metadata) => ctx.logger.error({ code, metadata }, 'next-auth error'),
      warn: (code) => ctx.logger.warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
  };
}

let options: AuthOptions | undefined;
/** Built on first use, so importing a page never reads the environment during `next build`. */
export function getAuthOptions(): AuthOptions {
  options ??= buildAuthOptions();
  return options;
}
