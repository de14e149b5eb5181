import NextAuth from 'next-auth';
import { getAuthOptions } from '../../../../server/auth-options';
import { webRouter } from '../../../../routes/web-router';

type NextAuthRoute = (
  req: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

let handler: NextAuthRoute | undefined;
const nextAuth = (): NextAuthRoute => (handler ??= NextAuth(getAuthOptions()) as NextAuthRoute);

/**
 * Next.js sends every /api/auth/* path here (this folder is more specific than app/api/[...path]): the
 * registry's routes among them (login, register, verify, token) go through the router, the rest to next-auth.
 */
const handle: NextAuthRoute = (req, context) => webRouter.handle(req, () => nextAuth()(req, context));

export const GET = handle;
export const POST = handle;
