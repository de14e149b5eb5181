import { listAlertFirings } from '@deltastream/db/queries';
import {
  AlertFiringCsvRowSchema,
  AlertHistoryQuerySchema,
  AlertHistoryResponseSchema,
  alertFiringCsvRow,
} from '../../contracts/alerts';
import { defineRoute } from '../../server/route';
import { signedInUser } from '../../server/signed-in-user';

export const alertHistoryRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/alerts/history',
    access: 'user',
    tag: 'Alerts',
    summary: 'Your alerts’ firings',
    description:
      'Every firing of your alerts, newest first, as the `alert` socket event delivered it. Page back with `before` set to the `id` of the last firing shown. A deleted alert’s firings go with it.',
    query: AlertHistoryQuerySchema,
    response: { status: 200, description: 'The firings.', schema: AlertHistoryResponseSchema },
    csv: {
      row: 'firing, newest first, with the condition’s fields as columns',
      schema: AlertFiringCsvRowSchema,
      rows: (body) => body.firings.map(alertFiringCsvRow),
    },
  },
  async ({ ctx, principal, query }) => ({
    firings: await listAlertFirings(ctx.db, {
      userId: signedInUser(principal).userId,
      limit: query.limit,
      ...(query.before === undefined ? {} : { before: query.before }),
    }),
  }),
);
