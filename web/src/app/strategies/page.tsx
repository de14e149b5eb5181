import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { StrategyBuilder } from '../../components/strategies/strategy-builder';
import { getAuthOptions } from '../../server/auth-options';

export const metadata = { title: 'Strategies · DeltaStream' };
// Per user, from the session cookie: rendered for each request, never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function StrategiesPage() {
  const session = await getServerSession(getAuthOptions());
  if (!session) redirect('/signin?callbackUrl=/strategies');
  return <StrategyBuilder userEmail={session.user.email ?? ''} />;
}
