/**
 * The contract of the alert routes (`/api/alerts`): a signed-in user's alerts and the history of their
 * firings. The alert itself is packages/core's (`@deltastream/core/alerts`), shared with the worker that
 * fires it and the `alert` socket event that tells its owner.
 */
import { z } from 'zod';
import {
  AlertInputSchema,
  AlertSchema,
  AlertUpdateSchema,
  FiredAlertSchema,
  type FiredAlert,
} from '@deltastream/core/alerts';
import { API_SCHEMAS } from './api-schemas';
import { limit } from './rest';

/** Most alerts one user keeps: one more is a 409. */
export const MAX_ALERTS_PER_USER = 100;

/** Firings per page of the history. */
export const ALERT_HISTORY_LIMITS = { default: 50, max: 200 } as const;

API_SCHEMAS.add(AlertSchema, { id: 'Alert' });
API_SCHEMAS.add(FiredAlertSchema, { id: 'FiredAlert' });

export const CreateAlertRequestSchema = AlertInputSchema.meta({
  examples: [
    { product: 'NIFTY', condition: { metric: 'spot', direction: 'above', level: 24_500 }, note: 'breakout' },
    { product: 'NIFTY', expiry: null, condition: { metric: 'pcr_oi', direction: 'below', level: 0.7 } },
    {
      product: 'NIFTY',
      expiry: '2026-12-29',
      condition: {
        metric: 'oi_change',
        strike: 24_500,
        option_type: 'PUT',
        direction: 'above',
        level: 50_000,
      },
    },
    { product: 'BANKNIFTY', condition: { metric: 'max_pain_shift', strikes: 2 } },
  ],
}).register(API_SCHEMAS, { id: 'CreateAlertRequest' });
export type CreateAlertRequest = z.input<typeof CreateAlertRequestSchema>;

export const UpdateAlertRequestSchema = AlertUpdateSchema.meta({
  examples: [{ active: false }, { active: true, note: 'watch again' }],
}).register(API_SCHEMAS, { id: 'UpdateAlertRequest' });
export type UpdateAlertRequest = z.infer<typeof UpdateAlertRequestSchema>;

export const AlertListResponseSchema = z
  .object({
    alerts: z.array(AlertSchema).describe('Newest first.'),
    max_alerts: z.number().int().describe('How many alerts a user may keep.'),
  })
  .register(API_SCHEMAS, { id: 'AlertListResponse' });
export type AlertListResponse = z.infer<typeof AlertListResponseSchema>;

export const AlertHistoryQuerySchema = z.object({
  limit: limit(ALERT_HISTORY_LIMITS),
  before: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/, 'must be a firing id')
    .optional()
    .describe('Only firings older than this one: the `id` of the last firing of the previous page.'),
});

/**
 * One firing as a CSV row: the condition's fields as columns of their own (a spreadsheet filters on
 * `metric`), empty where the metric has no such field.
 */
export const AlertFiringCsvRowSchema = FiredAlertSchema.omit({ condition: true }).extend({
  metric: z.string(),
  direction: z.string().nullable(),
  level: z.number().nullable(),
  strikes: z.number().nullable(),
  strike: z.number().nullable(),
  option_type: z.string().nullable(),
});
export type AlertFiringCsvRow = z.infer<typeof AlertFiringCsvRowSchema>;

export function alertFiringCsvRow({ condition, ...firing }: FiredAlert): AlertFiringCsvRow {
  return {
    ...firing,
    metric: condition.metric,
    direction: 'direction' in condition ? condition.direction : null,
    level: 'level' in condition ? condition.level : null,
    strikes: 'strikes' in condition ? condition.strikes : null,
    strike: 'strike' in condition ? condition.strike : null,
    option_type: 'option_type' in condition ? condition.option_type : null,
  };
}

export const AlertHistoryResponseSchema = z
  .object({ firings: z.array(FiredAlertSchema).describe('Newest first.') })
  .register(API_SCHEMAS, { id: 'AlertHistoryResponse' });
export type AlertHistoryResponse = z.infer<typeof AlertHistoryResponseSchema>;

export const DeletedAlertResponseSchema = z
  .object({ deleted: z.literal(true), id: z.uuid() })
  .register(API_SCHEMAS, { id: 'DeletedAlertResponse' });

export const AlertIdPathSchema = z.object({ id: z.uuid('must be an alert id') });
