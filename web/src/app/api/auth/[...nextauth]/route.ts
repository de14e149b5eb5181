import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getAuthOptions } from '../../../../server/auth-options';
import { AUTH_BODY_LIMIT_BYTES, readBoundedBody } from '../../../../server/body-limit';
import { AppError } from '../../../../server/errors';
import { errorResponse } from '../../../../server/route';
import { answerApiRequest } from '../../../../routes/web-router';

type NextAuthRoute = (
  req: NextRequest,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

let handler: NextAuthRoute | undefined;
const nextAuth = (): NextAuthRoute => (handler ??= NextAuth(getAuthOptions()) as NextAuthRoute);

/**
 * next-auth's own endpoints (csrf, session, signout) with the bound every auth route has on its body:
 * read no further than AUTH_BODY_LIMIT_BYTES, then handed to next-auth whole.
 */
async function toNextAuth(req: NextRequest, context: Parameters<NextAuthRoute>[1]): Promise<Response> {
  if (req.method === 'GET' || req.method === 'HEAD') return nextAuth()(req, context);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBoundedBody(req, AUTH_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
  const bounded = new NextRequest(req.url, { method: req.method, headers: req.headers, body });
  return nextAuth()(bounded, context);
}

/**
 * Next.js sends every /api/auth/* path here (this folder is more specific than app/api/[...path]): the
 * registry's routes among them (login, register, the account forms, verify, token) go through the
 * router, the rest to next-auth.
 */
const handle: NextAuthRoute = (req, context) => answerApiRequest(req, () => toNextAuth(req, context));

export const GET = handle;
export const POST = handle;
