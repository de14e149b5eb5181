import { daysToExpiry, formatExpiry } from './format';
import { LabelledSelect } from './labelled-select';

/** Expiries nearest first, as the API lists them, each with its days to go. */
export function ExpiryPicker({
  expiries,
  value,
  onChange,
}: {
  expiries: readonly string[];
  value: string | undefined;
  onChange: (expiry: string) => void;
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
          {formatExpiry(expiry)} · {daysToExpiry(expiry)}d
        </option>
      ))}
    </LabelledSelect>
  );
}
