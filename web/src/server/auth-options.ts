import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getContext } from './context';
import { CredentialsSchema } from '../contracts/accounts';
import { signInWithPassword } from './accounts';
import { clientAddress } from './client-address';
import { AppError } from './errors';

/** Signed-in browsers keep a session for a trading day and a half. */
const SESSION_MAX_AGE_SECONDS = 36 * 3600;

/**
 * next-auth with email and password only, and JWT sessions (stateless: any web pod verifies a cookie
 * without a database read). A failed sign-in's message is the generic one from `signInWithPassword`,
 * or the rate limit's "try again in N s".
 */
export function buildAuthOptions(): AuthOptions {
  const ctx = getContext();
  return {
    secret: ctx.config.AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const parsed = CredentialsSchema.safeParse(credentials);
          if (!parsed.success) throw new Error('invalid credentials');
          const headers = new Headers();
          for (const [name, value] of Object.entries(req.headers ?? {})) {
            if (typeof value === 'string') headers.set(name, value);
          }
          try {
            const user = await signInWithPassword(
              ctx,
              parsed.data,
              clientAddress(headers, ctx.config.TRUSTED_PROXY_HOPS),
            );
            return { id: user.id, email: user.email, name: user.name, role: user.role };
          } catch (error) {
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.role = user.role;
        return token;
      },
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
