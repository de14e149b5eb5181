/**
 * User alerts: what a trader asks to be told about, and what they are told when it happens. One contract
 * for the REST API (`/api/alerts`), the worker that evaluates alerts, the alert history and the `alert`
 * socket event. Browser-safe: zod and core's schemas only.
 */
import { z } from 'zod';
import {
  ExpiryDateSchema,
  OptionTypeSchema,
  PositivePriceSchema,
  ProductSymbolSchema,
  TimestampSchema,
} from '../schemas';

/** Which side of the level the condition asks for. */
export const AlertDirectionSchema = z.enum(['above', 'below']);
export type AlertDirection = z.infer<typeof AlertDirectionSchema>;

const direction = AlertDirectionSchema.describe('Fire when the value is at or beyond `level` on this side.');

/**
 * The condition, by metric. Units follow the wire: spot in the product's currency, PCR as a ratio, ATM IV as
 * an annualised decimal (0.18 = 18%), IV rank 0–100, open-interest change in contracts against the previous
 * close (the chain's `oi_change`), max-pain moves in strikes of the chain.
 */
export const AlertConditionSchema = z.discriminatedUnion('metric', [
  z.object({
    metric: z.literal('spot'),
    direction,
    level: PositivePriceSchema.describe('Spot level, in the product currency.'),
  }),
  z.object({
    metric: z.literal('pcr_oi'),
    direction,
    level: z.number().finite().positive().max(100).describe('Put-call ratio of open interest.'),
  }),
  z.object({
    metric: z.literal('atm_iv'),
    direction,
    level: z.number().finite().positive().max(5).describe('ATM IV, annualised decimal (0.18 = 18%).'),
  }),
  z.object({
    metric: z.literal('iv_rank'),
    direction,
    level: z.number().finite().min(0).max(100).describe('IV rank over the default lookback, 0–100.'),
  }),
  z.object({
    metric: z.literal('max_pain_shift'),
    strikes: z
      .number()
      .int()
      .min(1)
      .max(50)
      .describe('Fire when max pain is this many strikes or more away from where it stood when armed.'),
  }),
  z.object({
    metric: z.literal('oi_change'),
    strike: PositivePriceSchema.describe('A strike of the chain.'),
    option_type: OptionTypeSchema,
    direction,
    level: z
      .number()
      .int()
      .describe('Open-interest change in contracts against the previous close (negative for unwinding).'),
  }),
]);
export type AlertCondition = z.infer<typeof AlertConditionSchema>;
export type AlertMetric = AlertCondition['metric'];
export const ALERT_METRICS = AlertConditionSchema.options.map((option) => option.shape.metric.value);

/** What a user sends to create an alert. */
export const AlertInputSchema = z.object({
  product: ProductSymbolSchema,
  expiry: ExpiryDateSchema.nullable()
    .default(null)
    .describe('The expiry whose chain is watched; null follows the nearest live expiry. Spot ignores it.'),
  condition: AlertConditionSchema,
  note: z.string().trim().max(200).default('').describe('Free text shown with the alert when it fires.'),
});
export type AlertInput = z.input<typeof AlertInputSchema>;
export type ValidAlertInput = z.output<typeof AlertInputSchema>;

/** What a user may change on an alert they own (`PATCH /api/alerts/{id}`). */
export const AlertUpdateSchema = z
  .object({
    active: z.boolean().describe('false pauses the alert; true re-arms it.'),
    note: AlertInputSchema.shape.note,
  })
  .partial();
export type AlertUpdate = z.infer<typeof AlertUpdateSchema>;

/** A stored alert as the API returns it. */
export const AlertSchema = z.object({
  id: z.uuid(),
  product: ProductSymbolSchema,
  expiry: ExpiryDateSchema.nullable(),
  condition: AlertConditionSchema,
  note: z.string(),
  active: z.boolean().describe('false: paused by its owner; never evaluated.'),
  armed: z
    .boolean()
    .describe(
      'true: fires when the condition holds. After firing it is disarmed until the value has gone back past the level by the hysteresis band, so it fires once per crossing.',
    ),
  reference: z
    .number()
    .nullable()
    .describe('max_pain_shift: the max-pain strike the shift is measured from; null for other metrics.'),
  created_at: TimestampSchema,
  last_fired_at: TimestampSchema.nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** One firing of an alert: a row of the alert history and the payload of the `alert` socket event. */
export const FiredAlertSchema = z.object({
  id: z.string().describe('The firing id, unique across the history.'),
  alert_id: z.uuid(),
  product: ProductSymbolSchema,
  expiry: ExpiryDateSchema.nullable().describe('The chain the value was read from; null for spot.'),
  condition: AlertConditionSchema,
  note: z.string(),
  value: z.number().finite().describe('The value that met the condition, in the condition’s units.'),
  message: z.string().describe('One line for a person, e.g. "NIFTY spot 24,512.30 crossed above 24,500".'),
  data_timestamp: TimestampSchema.describe('The timestamp of the tick or chain that met the condition.'),
  fired_at: TimestampSchema,
});
export type FiredAlert = z.infer<typeof FiredAlertSchema>;

/** What the worker publishes for each firing (`CHANNELS.alertFired`): the gateway sends `alert` to its owner. */
export const AlertNotificationSchema = z.object({
  user_id: z.uuid(),
  alert: FiredAlertSchema,
});
export type AlertNotification = z.infer<typeof AlertNotificationSchema>;
