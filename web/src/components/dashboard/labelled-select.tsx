import type { SelectHTMLAttributes } from 'react';

/** A compact dark <select> with a visually hidden label, for the header's and the charts' pickers. */
export function LabelledSelect({
  label,
  testId,
  ...select
}: { label: string; testId: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="flex items-center">
      <span className="sr-only">{label}</span>
      <select
        {...select}
        data-testid={testId}
        className="w-full rounded-md border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-100 outline-none hover:border-slate-500 focus:border-sky-500 disabled:opacity-50"
      />
    </label>
  );
}
