import type { FiredAlert } from '@deltastream/core/alerts';
import { listFiringHistory, type StoredAlertFiring } from '@deltastream/db/queries';
import { AlertHistoryQuerySchema, AlertHistoryResponseSchema } from '../../contracts/alerts';
import { defineRoute } from '../../server/route';
import { signedInUser } from '../../server/signed-in-user';

/** A stored firing as the history and the `alert` socket event carry it. */
export function firedAlertJson(firing: StoredAlertFiring): FiredAlert {
  return {
    id: String(firing.id),
    alert_id: firing.alertId,
    product: firing.product,
    expiry: firing.expiry,
    condition: firing.condition,
    note: firing.note,
    value: firing.value,
    message: firing.message,
    data_timestamp: firing.dataTs.toISOString(),
    fired_at: firing.firedAt.toISOString(),
  };
}

export const alertHistoryRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/alerts/history',
    access: 'user',
    tag: 'Alerts',
    summary: 'Your alerts’ firings',
    description:
      'Every firing of your alerts, newest first, as the `alert` socket event delivered it. Page back with `before` set to the `fired_at` of the last firing shown. A deleted alert’s firings go with it.',
    query: AlertHistoryQuerySchema,
    response: { status: 200, description: 'The firings.', schema: AlertHistoryResponseSchema },
  },
  async ({ ctx, principal, query }) => {
    const firings = await listFiringHistory(ctx.db, signedInUser(principal).userId, {
      limit: query.limit,
      ...(query.before === undefined ? {} : { before: new Date(query.before) }),
    });
    return { firings: firings.map(firedAlertJson) };
  },
);
