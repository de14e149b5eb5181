import type { SelectHTMLAttributes } from 'react';

/** A <select> of `choices` (each option's value and text) that reports the value picked. */
export function ChoiceSelect({
  testId,
  choices,
  onPick,
  ...select
}: {
  testId: string;
  choices: readonly (readonly [value: string | number, text: string])[];
  onPick: (value: string) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'children'>) {
  return (
    <select {...select} data-testid={testId} onChange={(event) => onPick(event.target.value)}>
      {choices.map(([choice, text]) => (
        <option key={choice} value={choice}>
          {text}
        </option>
      ))}
    </select>
  );
}
