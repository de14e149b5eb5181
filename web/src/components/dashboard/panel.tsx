import type { ReactNode } from 'react';

/** The frame of each dashboard section: a title bar with optional tools, and its content. */
export function Panel({
  title,
  tools,
  children,
  className = '',
}: {
  title: ReactNode;
  tools?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={`flex min-w-0 flex-col rounded-lg border border-slate-800 bg-slate-900/60 ${className}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-slate-800 px-3 py-2">
        <h2 className="text-xs font-semibold tracking-wider text-slate-300 uppercase">{title}</h2>
        {tools && (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-400">{tools}</div>
        )}
      </header>
      {children}
    </section>
  );
}

/** What a section shows instead of its content: loading, an error, or no data yet. */
export function PanelMessage({
  children,
  tone = 'muted',
}: {
  children: ReactNode;
  tone?: 'muted' | 'error';
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : undefined}
      className={`flex flex-1 items-center justify-center p-6 text-center text-sm ${tone === 'error' ? 'text-red-300' : 'text-slate-500'}`}
    >
      {children}
    </div>
  );
}
