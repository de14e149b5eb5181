import type { EnrichedChain, EnrichedUnderlying } from '@deltastream/core/schemas';
import { ProductSymbolSchema } from '@deltastream/core/schemas';
import { parseChannelJson } from './channel-message';

export type MarketEvent =
  | { kind: 'underlying'; product: string; payload: EnrichedUnderlying }
  | { kind: 'chain'; product: string; expiry: string; payload: EnrichedChain };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses one message of an `enriched:*` channel, once per pod. The worker validated the payload with
 * the full zod schema before publishing it; re-running that schema here would cost ~1 ms per chain on
 * every pod, so the gateway checks only what routing depends on: the product (a symbol of the
 * catalogue), the expiry and timestamp of a chain (which expiry it is the nearest of depends on both)
 * and `processed_at`. Anything else is the worker's contract.
 */
export function parseMarketEvent(
  kind: MarketEvent['kind'],
  message: string,
  symbols: ReadonlySet<string>,
): { ok: true; event: MarketEvent } | { ok: false; reason: string } {
  const json = parseChannelJson(message);
  if (!json.ok) return json;
  const { value } = json;
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  const product = ProductSymbolSchema.safeParse(value.product);
  if (!product.success) return { ok: false, reason: 'missing or malformed product' };
  if (!symbols.has(product.data))
    return { ok: false, reason: `product ${product.data} is not in the catalogue` };
  if (typeof value.processed_at !== 'string') return { ok: false, reason: 'missing processed_at' };
  if (kind === 'underlying') {
    if (typeof value.price !== 'number') return { ok: false, reason: 'missing price' };
    return {
      ok: true,
      event: { kind, product: product.data, payload: value as unknown as EnrichedUnderlying },
    };
  }
  if (typeof value.expiry !== 'string' || !Array.isArray(value.calls) || !Array.isArray(value.puts)) {
    return { ok: false, reason: 'missing expiry, calls or puts' };
  }
  if (typeof value.timestamp !== 'string' || Number.isNaN(Date.parse(value.timestamp))) {
    return { ok: false, reason: 'missing or malformed timestamp' };
  }
  return {
    ok: true,
    event: { kind, product: product.data, expiry: value.expiry, payload: value as unknown as EnrichedChain },
  };
}
