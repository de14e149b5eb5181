import { daysToExpiry } from './exchange-time';
import { formatExpiry } from './format';
import { LabelledSelect } from './labelled-select';

/** Expiries nearest first, as the API lists them, each with its days to go on the exchange's calendar. */
export function ExpiryPicker({
  expiries,
  value,
  onChange,
  timeZone,
  nowMs,
}: {
  expiries: readonly string[];
  value: string | undefined;
  onChange: (expiry: string) => void;
  timeZone: string | undefined;
  nowMs: number | null;
}) {
  return (
    <LabelledSelect
      label="Expiry"
      testId="expiry-picker"
      value={value ?? ''}
      disabled={expiries.length === 0}
      onChange={(event) => onChange(event.target.value)}
    >
      {expiries.map((expiry) => (
        <option key={expiry} value={expiry}>
          {formatExpiry(expiry)}
          {timeZone && nowMs !== null ? ` · ${daysToExpiry(expiry, timeZone, nowMs)}d` : ''}
        </option>
      ))}
    </LabelledSelect>
  );
}
