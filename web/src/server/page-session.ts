import { redirect } from 'next/navigation';
import { getServerSession, type Session } from 'next-auth';
import { getAuthOptions } from './auth-options';

/** The session of a page's signed-in user; without one, the browser is sent to sign in and back to `path`. */
export async function pageSession(path: string): Promise<Session> {
  const session = await getServerSession(getAuthOptions());
  if (!session) redirect(`/signin?callbackUrl=${path}`);
  return session;
}
