import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { Dashboard } from '../components/dashboard/dashboard';
import { getAuthOptions } from '../server/auth-options';

export const metadata = { title: 'Dashboard · DeltaStream' };
// Per user, from the session cookie: rendered for each request, never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  const session = await getServerSession(getAuthOptions());
  if (!session) redirect('/signin?callbackUrl=/');
  return <Dashboard userEmail={session.user.email ?? ''} />;
}
