import type { ButtonHTMLAttributes } from 'react';

const BUTTON = 'rounded border border-slate-700 px-2 py-0.5 text-xs disabled:opacity-50';

/** A small outlined button acting on one row of a list (an alert, a saved strategy): open, pause, resume. */
export function RowButton({
  testId,
  ...button
}: { testId: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className'>) {
  return (
    <button
      {...button}
      type="button"
      data-testid={testId}
      className={`${BUTTON} text-slate-200 hover:border-sky-500`}
    />
  );
}

/** A row's Delete button: `remove` deletes the row's `id`; disabled while a delete is under way. */
export function DeleteRowButton({
  testId,
  id,
  remove,
}: {
  testId: string;
  id: string;
  remove: { isPending: boolean; mutate: (id: string) => void };
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={remove.isPending}
      onClick={() => remove.mutate(id)}
      className={`${BUTTON} text-slate-400 hover:border-red-500 hover:text-red-300`}
    >
      Delete
    </button>
  );
}
