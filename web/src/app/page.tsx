import { Dashboard } from '../components/dashboard/dashboard';
import { pageSession } from '../server/page-session';

export const metadata = { title: 'Dashboard · DeltaStream' };
// Per user, from the session cookie: rendered for each request, never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  const session = await pageSession('/');
  return <Dashboard userEmail={session.user.email ?? ''} />;
}
