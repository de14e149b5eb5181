/**
 * What the original DeltaStream's clients read from each payload, with the types their code assumes: a
 * field they print or format must be there and be of that type (z.number() refuses NaN and null, which
 * `toFixed` or an f-string would choke on or print as such). Fields the original clients never read are
 * not listed; zod lets them through.
 */
import { z } from 'zod';

const IsoTimestamp = z.iso.datetime({ offset: true });
const ExpiryDate = z.iso.date();

/** `connected`: the Node example prints it whole, the HTML page reads `client_id`. */
export const ConnectedReadSchema = z.object({ message: z.string(), client_id: z.string().min(1) });

/** `subscribed`: the Node example and the React hook print `room`. */
export const SubscribedReadSchema = z.object({ room: z.string(), message: z.string() });

/** `products`: the examples print `products`, the HTML page joins it. */
export const ProductsReadSchema = z.object({ products: z.array(z.string()).min(1) });

/**
 * `underlying_update`: `product` and `price` everywhere; the HTML page and the React hook also take
 * `timestamp` into a Date, and the React price chart splits it at the `T`.
 */
export const UnderlyingReadSchema = z.object({
  product: z.string(),
  price: z.number(),
  timestamp: IsoTimestamp,
});

/**
 * `GET /api/data/underlying/{p}`: the React dashboard (frontend/) charts `ticks`, taking the last as the
 * newest price and the one before it as the previous price.
 */
export const UnderlyingTicksReadSchema = z.object({
  ticks: z.array(UnderlyingReadSchema.pick({ price: true, timestamp: true })).min(2),
});

/**
 * `chain_summary`: the Node example prints and the HTML page formats (`toFixed`) these; the React metric
 * cards read them too, and the max pain strike.
 */
export const ChainSummaryReadSchema = z.object({
  product: z.string(),
  expiry: ExpiryDate,
  spot_price: z.number(),
  pcr_oi: z.number(),
  pcr_volume: z.number(),
  atm_straddle_price: z.number(),
  max_pain_strike: z.number(),
  timestamp: IsoTimestamp,
});

/** One side of a strike as the React option chain, OI heatmap, IV smile and max pain chart read it. */
const QuoteReadSchema = z.object({
  strike: z.number(),
  open_interest: z.number(),
  volume: z.number(),
  /** The table prints "-" for a missing IV and the smile skips it (README: no IV is null, never 0). */
  iv: z.number().nullable(),
  bid: z.number(),
  ask: z.number(),
  last: z.number(),
});

/**
 * A full chain, as `chain_update` carries it and `GET /api/data/chain/{p}` lists it: the Node example
 * prints the strike count, max pain and OI totals; the HTML page the strike count and max pain; the React
 * dashboards everything below. They index `calls[i]` and `puts[i]` by the position of `strikes[i]`
 * (the IV smile, the OI chart), so the three lists must be aligned: checked by `alignedChain`.
 */
export const ChainReadSchema = ChainSummaryReadSchema.extend({
  total_call_oi: z.number(),
  total_put_oi: z.number(),
  strikes: z.array(z.number()).min(2),
  calls: z.array(QuoteReadSchema),
  puts: z.array(QuoteReadSchema),
});
export type ChainRead = z.infer<typeof ChainReadSchema>;

/** Whether each position of `strikes` holds that strike's call and put. */
export function alignedChain({ strikes, calls, puts }: ChainRead): boolean {
  return (
    calls.length === strikes.length &&
    puts.length === strikes.length &&
    strikes.every((strike, i) => calls[i]?.strike === strike && puts[i]?.strike === strike)
  );
}
