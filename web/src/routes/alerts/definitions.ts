import { AlertSchema, type Alert, type AlertCondition, type ValidAlertInput } from '@deltastream/core/alerts';
import type { EnrichedChain, Product } from '@deltastream/core/schemas';
import {
  createAlertWithinLimit,
  deleteAlert,
  getAlert,
  listAlerts,
  updateAlert,
  type StoredAlert,
} from '@deltastream/db/queries';
import {
  AlertIdPathSchema,
  AlertListResponseSchema,
  CreateAlertRequestSchema,
  DeletedAlertResponseSchema,
  MAX_ALERTS_PER_USER,
  UpdateAlertRequestSchema,
} from '../../contracts/alerts';
import type { WebContext } from '../../server/context';
import { AppError } from '../../server/errors';
import { latestChain, liveExpiries } from '../../server/market-data';
import { listActiveProducts } from '../../server/product-catalogue';
import { defineRoute, json } from '../../server/route';
import { signedInUser } from '../../server/signed-in-user';

export function alertJson(alert: StoredAlert): Alert {
  return {
    id: alert.id,
    product: alert.product,
    expiry: alert.expiry,
    condition: alert.condition,
    note: alert.note,
    active: alert.active,
    armed: alert.armed,
    reference: alert.reference,
    created_at: alert.createdAt.toISOString(),
    last_fired_at: alert.lastFiredAt?.toISOString() ?? null,
  };
}

function noAlert(): AppError {
  return new AppError('NOT_FOUND', 'no alert with this id', { field: 'id' });
}

/** A symbol of the active catalogue, or a 400 naming `product`: the body is what is wrong, not the path. */
async function requireActiveProduct(ctx: WebContext, symbol: string): Promise<Product> {
  const product = (await listActiveProducts(ctx)).find((entry) => entry.symbol === symbol);
  if (!product) {
    throw new AppError('VALIDATION_ERROR', `product: ${symbol} is not a product of the catalogue`, {
      field: 'product',
    });
  }
  return product;
}

/** Spot is the product's, whatever the expiry: it is stored without one, as its firings are. */
const watchesChain = (condition: AlertCondition) => condition.metric !== 'spot';

/**
 * The chain an alert reads now: the named expiry's, or the nearest live one's; null when there is none
 * (a product whose feed has not started yet). The expiry, when named, has been checked to be live.
 */
async function watchedChain(
  ctx: WebContext,
  product: Product,
  expiry: string | null,
  live: readonly string[],
): Promise<EnrichedChain | null> {
  const followed = expiry ?? live[0];
  if (followed === undefined) return null;
  return latestChain(ctx, product, followed).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
}

/**
 * Checks an alert against the market before it is stored: the expiry must be live, an OI-change strike
 * must be a strike of the chain it watches. Returns what is stored: the expiry (none for spot) and, for a
 * max-pain shift, the max-pain strike it measures from now (null until the product has a chain).
 */
async function alertInMarket(
  ctx: WebContext,
  product: Product,
  input: ValidAlertInput,
): Promise<{ expiry: string | null; reference: number | null }> {
  const { condition } = input;
  if (!watchesChain(condition)) return { expiry: null, reference: null };
  const live = await liveExpiries(ctx, product);
  if (input.expiry !== null && !live.includes(input.expiry)) {
    throw new AppError(
      'VALIDATION_ERROR',
      `expiry: ${input.expiry} is not a live expiry of ${product.symbol}${live.length > 0 ? ` (live: ${live.join(', ')})` : ''}`,
      { field: 'expiry' },
    );
  }
  const chain = await watchedChain(ctx, product, input.expiry, live);
  if (condition.metric === 'oi_change') {
    if (!chain) {
      throw new AppError(
        'VALIDATION_ERROR',
        `condition.strike: ${product.symbol} has no live chain to check the strike against`,
        { field: 'condition.strike' },
      );
    }
    if (!chain.strikes.includes(condition.strike)) {
      throw new AppError(
        'VALIDATION_ERROR',
        `condition.strike: ${condition.strike} is not a strike of the ${product.symbol} ${chain.expiry} chain`,
        { field: 'condition.strike' },
      );
    }
  }
  const reference = condition.metric === 'max_pain_shift' ? (chain?.max_pain_strike ?? null) : null;
  return { expiry: input.expiry, reference };
}

const OWNER_ONLY = "Yours only: another user's alert is a 404.";

export const listAlertsRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/alerts',
    access: 'user',
    tag: 'Alerts',
    summary: 'List your alerts',
    description:
      'Newest first, paused ones included, with the state the worker keeps (`armed`, `last_fired_at`).',
    response: { status: 200, description: 'Your alerts.', schema: AlertListResponseSchema },
  },
  async ({ ctx, principal }) => {
    const alerts = await listAlerts(ctx.db, signedInUser(principal).userId);
    return { alerts: alerts.map(alertJson), max_alerts: MAX_ALERTS_PER_USER };
  },
);

export const createAlertRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/alerts',
    access: 'user',
    tag: 'Alerts',
    summary: 'Create an alert',
    description: `The alert is checked against the catalogue and the live market before it is stored: \`product\` must be an active product, \`expiry\` (when not null) one of its live expiries, and an \`oi_change\` strike a strike of the chain it watches; each is a 400 naming the field. Spot alerts are stored without an expiry. A \`max_pain_shift\` alert measures from the max-pain strike of its chain now. It fires once per crossing, pushed to you as the \`alert\` socket event and recorded in GET /api/alerts/history. A user keeps at most ${MAX_ALERTS_PER_USER}: one more is a 409.`,
    body: CreateAlertRequestSchema,
    response: { status: 201, description: 'The alert, armed.', schema: AlertSchema },
    errors: [409],
  },
  async ({ ctx, principal, body }) => {
    const product = await requireActiveProduct(ctx, body.product);
    const { expiry, reference } = await alertInMarket(ctx, product, body);
    const created = await createAlertWithinLimit(
      ctx.db,
      {
        userId: signedInUser(principal).userId,
        product: product.symbol,
        expiry,
        condition: body.condition,
        note: body.note,
        reference,
      },
      MAX_ALERTS_PER_USER,
    );
    if (!created) {
      throw new AppError(
        'CONFLICT',
        `at most ${MAX_ALERTS_PER_USER} alerts per user; delete one to create another`,
      );
    }
    return json(alertJson(created), { status: 201 });
  },
);

export const updateAlertRoute = defineRoute(
  {
    method: 'PATCH',
    path: '/api/alerts/{id}',
    access: 'user',
    tag: 'Alerts',
    summary: 'Pause, resume or annotate an alert',
    description: `\`active: false\` pauses the alert (it is not evaluated); \`active: true\` on a paused alert resumes it armed, so it fires the next time its condition holds (a max-pain shift measures from the max-pain strike then). ${OWNER_ONLY}`,
    params: AlertIdPathSchema,
    parameterNotes: { id: "The alert's id." },
    body: UpdateAlertRequestSchema,
    response: { status: 200, description: 'The alert as changed.', schema: AlertSchema },
    errors: [404],
  },
  async ({ ctx, principal, params, body }) => {
    const key = { userId: signedInUser(principal).userId, id: params.id };
    let rearmReference: number | null = null;
    if (body.active === true) {
      const alert = await getAlert(ctx.db, key);
      if (!alert) throw noAlert();
      if (alert.condition.metric === 'max_pain_shift' && !alert.active) {
        const product = (await listActiveProducts(ctx)).find((entry) => entry.symbol === alert.product);
        const chain = product
          ? await watchedChain(ctx, product, alert.expiry, await liveExpiries(ctx, product))
          : null;
        rearmReference = chain?.max_pain_strike ?? null;
      }
    }
    const updated = await updateAlert(ctx.db, key, { ...body, rearmReference });
    if (!updated) throw noAlert();
    return alertJson(updated);
  },
);

export const deleteAlertRoute = defineRoute(
  {
    method: 'DELETE',
    path: '/api/alerts/{id}',
    access: 'user',
    tag: 'Alerts',
    summary: 'Delete an alert',
    description: `Its history goes with it. ${OWNER_ONLY}`,
    params: AlertIdPathSchema,
    parameterNotes: { id: "The alert's id." },
    response: { status: 200, description: 'The alert is deleted.', schema: DeletedAlertResponseSchema },
    errors: [404],
  },
  async ({ ctx, principal, params }) => {
    const deleted = await deleteAlert(ctx.db, { userId: signedInUser(principal).userId, id: params.id });
    if (!deleted) throw noAlert();
    return { deleted: true, id: params.id };
  },
);
