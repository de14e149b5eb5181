import { formatExchangeTime } from './exchange-time';

/** The exchange's time now, with its zone's label (`15:29:58 IST`). */
export function ExchangeClock({ nowMs, timeZone }: { nowMs: number | null; timeZone: string | undefined }) {
  return (
    <span
      data-testid="exchange-clock"
      title={timeZone ? `Exchange time (${timeZone})` : undefined}
      className="font-mono text-xs text-slate-300 tabular-nums"
    >
      {nowMs !== null && timeZone ? formatExchangeTime(nowMs, timeZone) : '--:--:--'}
    </span>
  );
}
