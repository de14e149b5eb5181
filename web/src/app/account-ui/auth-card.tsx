import Link from 'next/link';
import type { ReactNode } from 'react';

/** The frame of the sign-in and register pages. */
export function AuthCard({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-800 bg-slate-900/70 p-6 shadow-xl">
        <Link href="/" className="text-lg font-semibold tracking-tight text-sky-400">
          DeltaStream
        </Link>
        <h1 className="mt-1 mb-5 text-sm text-slate-400">{title}</h1>
        {children}
        <p className="mt-5 text-center text-sm text-slate-400">{footer}</p>
      </div>
    </main>
  );
}

export function Field({
  label,
  testId,
  ...input
}: { label: string; testId: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="mb-3 block text-sm">
      <span className="mb-1 block text-slate-300">{label}</span>
      <input
        {...input}
        data-testid={testId}
        className="w-full rounded-md border border-slate-700 bg-slate-950 px-3 py-2 text-slate-100 outline-none focus:border-sky-500"
      />
    </label>
  );
}

export function FormError({ message, testId }: { message: string | null; testId: string }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      data-testid={testId}
      className="mb-3 rounded-md bg-red-950/60 px-3 py-2 text-sm text-red-300"
    >
      {message}
    </p>
  );
}

export function SubmitButton({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <button
      type="submit"
      data-testid={testId}
      className="mt-2 w-full rounded-md bg-sky-600 py-2 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-60"
    >
      {children}
    </button>
  );
}
