import { StrategyBuilder } from '../../components/strategies/strategy-builder';
import { pageSession } from '../../server/page-session';

export const metadata = { title: 'Strategies · DeltaStream' };
// Per user, from the session cookie: rendered for each request, never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function StrategiesPage() {
  const session = await pageSession('/strategies');
  return <StrategyBuilder userEmail={session.user.email ?? ''} />;
}
