import {
  AlertInputSchema,
  type AlertCondition,
  type AlertDirection,
  type AlertMetric,
  type ValidAlertInput,
} from '@deltastream/core/alerts';
import type { OptionType } from '@deltastream/core/schemas';
import { formatQuantity, formatStrike } from '../dashboard/format';

/** The metrics a user can pick, in the form's order, with what the level is in. */
export const METRIC_CHOICES: readonly { metric: AlertMetric; label: string; levelLabel?: string }[] = [
  { metric: 'spot', label: 'Spot', levelLabel: 'Level' },
  { metric: 'pcr_oi', label: 'PCR (OI)', levelLabel: 'Ratio' },
  { metric: 'atm_iv', label: 'ATM IV', levelLabel: 'IV %' },
  { metric: 'iv_rank', label: 'IV rank', levelLabel: 'Rank 0–100' },
  { metric: 'max_pain_shift', label: 'Max pain shift' },
  { metric: 'oi_change', label: 'OI change at a strike', levelLabel: 'Contracts' },
];

/** What the form holds: text as typed, turned into an alert by `alertInputOf`. */
export interface AlertFormState {
  metric: AlertMetric;
  direction: AlertDirection;
  level: string;
  /** max_pain_shift: by how many strikes. */
  strikes: string;
  /** oi_change: the strike, as the chain's strike list offers it. */
  strike: string;
  optionType: OptionType;
  /** '' follows the nearest live expiry. */
  expiry: string;
  note: string;
}

export const EMPTY_ALERT_FORM: AlertFormState = {
  metric: 'spot',
  direction: 'above',
  level: '',
  strikes: '1',
  strike: '',
  optionType: 'CALL',
  expiry: '',
  note: '',
};

/** A number as typed ('' and junk are NaN, which the contract then refuses). */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function conditionOf(form: AlertFormState): AlertCondition {
  const { direction } = form;
  const level = numberOf(form.level);
  switch (form.metric) {
    case 'spot':
    case 'pcr_oi':
    case 'iv_rank':
      return { metric: form.metric, direction, level };
    case 'atm_iv':
      // Typed in percent as traders quote it; the contract's IV is an annualised decimal.
      return { metric: 'atm_iv', direction, level: level / 100 };
    case 'max_pain_shift':
      return { metric: 'max_pain_shift', strikes: numberOf(form.strikes) };
    case 'oi_change':
      return {
        metric: 'oi_change',
        strike: numberOf(form.strike),
        option_type: form.optionType,
        direction,
        level,
      };
  }
}

/**
 * The alert the form describes for `product`, checked by the API's own schema, or the first problem in
 * words naming the form's field. The server checks the rest (a live expiry, a strike of the chain).
 */
export function alertInputOf(
  form: AlertFormState,
  product: string,
): { ok: true; input: ValidAlertInput } | { ok: false; message: string } {
  const parsed = AlertInputSchema.safeParse({
    product,
    expiry: form.metric === 'spot' || form.expiry === '' ? null : form.expiry,
    condition: conditionOf(form),
    note: form.note,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[issue.path.length - 1] ?? 'alert');
  const names: Record<string, string> = {
    level: METRIC_CHOICES.find((choice) => choice.metric === form.metric)?.levelLabel ?? 'Level',
    strikes: 'Strikes',
    strike: 'Strike',
    note: 'Note',
  };
  return { ok: false, message: `${names[field] ?? field}: ${issue?.message ?? 'invalid'}` };
}

const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const ratio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** An alert's condition in a trader's words: "Spot above 24,500", "ATM IV below 12%". */
export function describeCondition(condition: AlertCondition): string {
  switch (condition.metric) {
    case 'spot':
      return `Spot ${condition.direction} ${formatStrike(condition.level)}`;
    case 'pcr_oi':
      return `PCR (OI) ${condition.direction} ${ratio.format(condition.level)}`;
    case 'atm_iv':
      return `ATM IV ${condition.direction} ${percent.format(condition.level * 100)}%`;
    case 'iv_rank':
      return `IV rank ${condition.direction} ${ratio.format(condition.level)}`;
    case 'max_pain_shift':
      return `Max pain moves ${condition.strikes} strike${condition.strikes === 1 ? '' : 's'}`;
    case 'oi_change':
      return `OI change ${formatStrike(condition.strike)} ${condition.option_type === 'CALL' ? 'CE' : 'PE'} ${condition.direction} ${condition.level > 0 ? '+' : ''}${formatQuantity(condition.level)}`;
  }
}
