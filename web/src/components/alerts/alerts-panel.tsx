'use client';

import {
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import { ALERT_METRICS } from '@deltastream/core/alerts';
import {
  useAlertHistory,
  useAlerts,
  useCreateAlert,
  useDeleteAlert,
  useUpdateAlert,
} from '../../client/alert-queries';
import { ChoiceSelect } from '../dashboard/choice-select';
import { formatExchangeDateTime } from '../dashboard/exchange-time';
import { formatStrike } from '../dashboard/format';
import { LoadedList } from '../dashboard/loaded-list';
import { OPTION_TYPE_CHOICES } from '../dashboard/option-type-choices';
import { Panel } from '../dashboard/panel';
import { DeleteRowButton, RowButton } from '../dashboard/row-button';
import {
  alertInputOf,
  describeCondition,
  EMPTY_ALERT_FORM,
  METRIC_CHOICES,
  type AlertFormState,
} from './alert-form';

const FIELD =
  'min-w-0 rounded-md border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-100 outline-none focus:border-sky-500';

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`flex min-w-0 flex-col gap-0.5 text-xs text-slate-400 ${wide ? 'col-span-2' : ''}`}>
      {label}
      {children}
    </label>
  );
}

const DIRECTIONS = [
  ['above', 'at or above'],
  ['below', 'at or below'],
] as const;

/** A labelled choice of the form: `choices` are each option's value and text. */
function SelectField({
  label,
  testId,
  value,
  onPick,
  choices,
}: {
  label: string;
  testId: string;
  value: string;
  onPick: (value: string) => void;
  choices: readonly (readonly [value: string, text: string])[];
}) {
  return (
    <Field label={label}>
      <ChoiceSelect testId={testId} className={FIELD} value={value} onPick={onPick} choices={choices} />
    </Field>
  );
}

/**
 * The user's alerts on the dashboard: a form for the product on screen, the list with pause/resume and
 * delete, and the latest firings. Folded by default, so the chain keeps the height of the screen (the
 * dashboard lets the page grow below it when the panel is open); the toasts (alert-toasts.tsx) tell of a
 * firing whether it is open or not.
 */
export function AlertsPanel({
  open,
  onToggle,
  product,
  expiries,
  strikes,
  timeZone,
  className = '',
}: {
  open: boolean;
  onToggle: () => void;
  product: string | undefined;
  expiries: readonly string[];
  /** The strikes of the chain on screen, offered for an OI-change alert. */
  strikes: readonly number[];
  timeZone: string | undefined;
  className?: string;
}) {
  const alerts = useAlerts();
  const frame = useRef<HTMLDivElement>(null);
  // Opened below the fold of a tall dashboard: brought into view.
  useEffect(() => {
    if (open) frame.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);
  const list = alerts.data?.alerts ?? [];
  const activeCount = list.filter((alert) => alert.active).length;
  return (
    <div ref={frame} className={className}>
      <Panel
        title={
          <button
            type="button"
            data-testid="alerts-toggle"
            aria-expanded={open}
            aria-controls="alerts-panel-body"
            onClick={onToggle}
            className="flex items-center gap-2 uppercase hover:text-slate-100"
          >
            <span aria-hidden>{open ? '▾' : '▸'}</span> Alerts
          </button>
        }
        tools={
          <span data-testid="alerts-count">
            {alerts.data ? `${activeCount} active of ${list.length}` : alerts.isPending ? '…' : ''}
          </span>
        }
      >
        {open && (
          <div
            id="alerts-panel-body"
            data-testid="alerts-panel"
            className="grid gap-3 p-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_minmax(0,3fr)]"
          >
            <AlertForm
              product={product}
              expiries={expiries}
              strikes={strikes}
              full={alertsFull(alerts.data)}
            />
            <AlertList timeZone={timeZone} />
            <AlertHistory timeZone={timeZone} />
          </div>
        )}
      </Panel>
    </div>
  );
}

const alertsFull = (data: { alerts: unknown[]; max_alerts: number } | undefined) =>
  data !== undefined && data.alerts.length >= data.max_alerts;

function AlertForm({
  product,
  expiries,
  strikes,
  full,
}: {
  product: string | undefined;
  expiries: readonly string[];
  strikes: readonly number[];
  full: boolean;
}) {
  const create = useCreateAlert();
  const [form, setForm] = useState<AlertFormState>(EMPTY_ALERT_FORM);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<AlertFormState>) => {
    setForm((current) => ({ ...current, ...change }));
    setProblem(null);
  };
  /** A text box of the form, editing `field` of its state (its test id is `alert-<field>`). */
  const textField = (
    field: 'level' | 'strikes' | 'note',
    label: string,
    input: InputHTMLAttributes<HTMLInputElement>,
    wide = false,
  ) => (
    <Field label={label} wide={wide}>
      <input
        {...input}
        data-testid={`alert-${field}`}
        className={FIELD}
        value={form[field]}
        onChange={(event) => set({ [field]: event.target.value })}
      />
    </Field>
  );
  const choice = METRIC_CHOICES.find((entry) => entry.metric === form.metric)!;
  const hasDirection = form.metric !== 'max_pain_shift';
  const watchesChain = form.metric !== 'spot';
  return (
    <form
      data-testid="alert-form"
      aria-label={`New alert on ${product ?? 'this product'}`}
      className="grid grid-cols-2 content-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!product) return;
        const built = alertInputOf(form, product);
        if (!built.ok) {
          setProblem(built.message);
          return;
        }
        create.mutate(built.input, {
          onSuccess: () => setForm((current) => ({ ...EMPTY_ALERT_FORM, metric: current.metric })),
        });
      }}
    >
      <h3 className="col-span-2 text-xs font-semibold text-slate-300">New alert on {product ?? '…'}</h3>
      <SelectField
        label="Metric"
        testId="alert-metric"
        value={form.metric}
        onPick={(metric) => set({ metric: metric as AlertFormState['metric'] })}
        choices={ALERT_METRICS.map((metric) => [
          metric,
          METRIC_CHOICES.find((entry) => entry.metric === metric)?.label ?? metric,
        ])}
      />
      {watchesChain ? (
        <SelectField
          label="Expiry"
          testId="alert-expiry"
          value={form.expiry}
          onPick={(expiry) => set({ expiry })}
          choices={[['', 'Nearest'], ...expiries.map((expiry) => [expiry, expiry] as const)]}
        />
      ) : (
        <span />
      )}
      {form.metric === 'oi_change' && (
        <>
          <SelectField
            label="Strike"
            testId="alert-strike"
            value={form.strike}
            onPick={(strike) => set({ strike })}
            choices={[
              ['', 'Pick…'],
              ...strikes.map((strike) => [String(strike), formatStrike(strike)] as const),
            ]}
          />
          <SelectField
            label="Type"
            testId="alert-option-type"
            value={form.optionType}
            onPick={(optionType) => set({ optionType: optionType as AlertFormState['optionType'] })}
            choices={OPTION_TYPE_CHOICES}
          />
        </>
      )}
      {hasDirection ? (
        <>
          <SelectField
            label="When"
            testId="alert-direction"
            value={form.direction}
            onPick={(direction) => set({ direction: direction as AlertFormState['direction'] })}
            choices={DIRECTIONS}
          />
          {textField('level', choice.levelLabel ?? 'Level', { inputMode: 'decimal' })}
        </>
      ) : (
        textField('strikes', 'Strikes moved (N)', { inputMode: 'numeric' }, true)
      )}
      {textField('note', 'Note', { maxLength: 200 }, true)}
      <button
        type="submit"
        data-testid="alert-submit"
        disabled={!product || create.isPending || full}
        className="col-span-2 rounded-md border border-sky-600 bg-sky-500/15 px-3 py-1 text-sm font-medium text-sky-200 hover:bg-sky-500/25 disabled:opacity-50"
      >
        {full ? 'Alert limit reached' : 'Create alert'}
      </button>
      {(problem ?? create.error) && (
        <p role="alert" data-testid="alert-form-error" className="col-span-2 text-xs text-red-300">
          {problem ?? create.error?.message}
        </p>
      )}
    </form>
  );
}

/**
 * A column of the panel: its heading over a fetched list of `items`, each drawn by `children` as its <li>.
 * `ordered` makes it an <ol>, for a list whose order says something (the history: when things fired).
 */
function AlertColumn<Item>({
  title,
  items,
  listTestId,
  ordered = false,
  children: row,
  ...loaded
}: {
  title: string;
  items: readonly Item[];
  listTestId: string;
  ordered?: boolean;
  children: (item: Item) => ReactNode;
} & Omit<ComponentProps<typeof LoadedList>, 'isEmpty' | 'children'>) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <section aria-label={title} className="flex min-w-0 flex-col">
      <h3 className="mb-1 text-xs font-semibold text-slate-300">{title}</h3>
      <LoadedList {...loaded} isEmpty={items.length === 0}>
        <List data-testid={listTestId} className="max-h-72 divide-y divide-slate-800 overflow-auto">
          {items.map(row)}
        </List>
      </LoadedList>
    </section>
  );
}

function AlertList({ timeZone }: { timeZone: string | undefined }) {
  const alerts = useAlerts();
  const update = useUpdateAlert();
  const remove = useDeleteAlert();
  return (
    <AlertColumn
      title="Your alerts"
      query={alerts}
      what="your alerts"
      items={alerts.data?.alerts ?? []}
      empty={{ testId: 'alerts-empty', note: 'No alerts yet.' }}
      listTestId="alert-list"
    >
      {(alert) => (
        <li
          key={alert.id}
          data-testid="alert-item"
          data-id={alert.id}
          data-active={alert.active}
          className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5 text-xs"
        >
          <div className="min-w-0 flex-1">
            <div data-testid="alert-condition" className="text-sm text-slate-100">
              {alert.product} · {describeCondition(alert.condition)}
            </div>
            <div className="text-slate-500">
              {alert.expiry ?? (alert.condition.metric === 'spot' ? 'spot' : 'nearest expiry')}
              {!alert.active ? ' · paused' : alert.armed ? ' · armed' : ' · fired, waits to cross back'}
              {alert.last_fired_at &&
                timeZone &&
                ` · last ${formatExchangeDateTime(Date.parse(alert.last_fired_at), timeZone)}`}
              {alert.note && ` · ${alert.note}`}
            </div>
          </div>
          <div className="flex gap-1">
            <RowButton
              testId="alert-toggle-active"
              disabled={update.isPending}
              onClick={() => update.mutate({ id: alert.id, change: { active: !alert.active } })}
            >
              {alert.active ? 'Pause' : 'Resume'}
            </RowButton>
            <DeleteRowButton testId="alert-delete" id={alert.id} remove={remove} />
          </div>
        </li>
      )}
    </AlertColumn>
  );
}

function AlertHistory({ timeZone }: { timeZone: string | undefined }) {
  const history = useAlertHistory();
  return (
    <AlertColumn
      title="Recent firings"
      query={history}
      what="the history"
      items={history.data?.firings ?? []}
      empty={{ testId: 'alert-history-empty', note: 'Nothing has fired yet.' }}
      listTestId="alert-history"
      ordered
    >
      {(firing) => (
        <li key={firing.id} data-testid="alert-history-row" className="py-1.5 text-xs">
          <div className="text-sm break-words text-slate-100">{firing.message}</div>
          <div className="text-slate-500">
            {timeZone ? formatExchangeDateTime(Date.parse(firing.fired_at), timeZone) : firing.fired_at}
            {firing.note && ` · ${firing.note}`}
          </div>
        </li>
      )}
    </AlertColumn>
  );
}
