import Link from 'next/link';
import { notFound } from 'next/navigation';
import { pageSession } from '../../../server/page-session';
import { QueueMonitor } from './queue-monitor';

export const metadata = { title: 'Queues · DeltaStream' };
export const dynamic = 'force-dynamic';

/** The operators' view of the BullMQ queues: counts, dead-lettered jobs with their errors, retry and purge. */
export default async function QueuesPage() {
  const session = await pageSession('/admin/queues');
  if (session.user.role !== 'admin') notFound();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <Link href="/" className="text-sm text-sky-400 hover:underline">
        ← Dashboard
      </Link>
      <h1 className="mt-2 mb-6 text-xl font-semibold">Queues</h1>
      <QueueMonitor />
    </main>
  );
}
