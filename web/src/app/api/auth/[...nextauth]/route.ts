import NextAuth from 'next-auth';
import { getAuthOptions } from '../../../../server/auth-options';

type NextAuthRoute = (
  req: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

let handler: NextAuthRoute | undefined;
const nextAuth = (): NextAuthRoute => (handler ??= NextAuth(getAuthOptions()) as NextAuthRoute);

export const GET: NextAuthRoute = (req, context) => nextAuth()(req, context);
export const POST: NextAuthRoute = (req, context) => nextAuth()(req, context);
