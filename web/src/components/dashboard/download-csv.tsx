import { csvUrl } from '../../client/market-queries';

/**
 * A plain link to the CSV form of the REST read a table or chart shows: the browser sends the session
 * cookie with it and saves the answer under the server's file name (Content-Disposition), so nothing is
 * fetched or held in the page.
 */
export function DownloadCsvLink({ path, testId, what }: { path: string; testId: string; what: string }) {
  return (
    <a
      href={csvUrl(path)}
      download
      data-testid={testId}
      title={`Download ${what} as CSV (the same data as the REST API's JSON)`}
      className="rounded border border-slate-700 px-2 py-0.5 font-medium text-slate-300 hover:border-slate-500"
    >
      Download CSV
    </a>
  );
}
