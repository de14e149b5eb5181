import Link from 'next/link';
import { pageSession } from '../../server/page-session';
import { ApiTokenManager } from './api-token-manager';

export const metadata = { title: 'API tokens · DeltaStream' };
// Per-user: rendered at request time, never at build time.
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const session = await pageSession('/settings');
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <div>
          <Link href="/" className="text-sm text-sky-400 hover:underline">
            ← Dashboard
          </Link>
          <h1 className="mt-2 text-xl font-semibold">API tokens</h1>
          <p className="text-sm text-slate-400">
            For scripts: send <code className="text-slate-300">Authorization: Bearer ds_…</code> to the REST
            API (
            <Link href="/docs" className="text-sky-400 hover:underline">
              docs
            </Link>
            ) or pass it as the Socket.IO auth token. Signed in as {session.user.email}.
          </p>
        </div>
      </div>
      <ApiTokenManager />
    </main>
  );
}
