import type { Product } from '../schemas';
import { expiryInstantMs } from './expiries';

/**
 * Which expiry a chain subscription (realtime) or an alert (worker) without an expiry follows: per
 * product, the nearest of the expiries this process knows to have data (from the cache's expiry index
 * and from the chains it hears) that is still live — an expiry is live until its expiry instant on the exchange's clock
 * (`expiryInstantMs`), the rule the simulator lists expiries by. Chains are judged at their own
 * timestamp, so a replayed session follows its own nearest expiry.
 */
export class NearestExpiries {
  /** Per product, the known expiries, ascending (YYYY-MM-DD sorts as dates). */
  private readonly known = new Map<string, string[]>();
  /**
   * Expiry instants by `product|expiry`: every chain asks for each known expiry's, and an exchange lists a
   * few expiries a week, so the map stays small.
   */
  private readonly instants = new Map<string, number>();

  constructor(private readonly products: ReadonlyMap<string, Product>) {}

  private expiryInstant(product: Product, expiry: string): number {
    const key = `${product.symbol}|${expiry}`;
    let instant = this.instants.get(key);
    if (instant === undefined) {
      instant = expiryInstantMs(product, expiry);
      this.instants.set(key, instant);
    }
    return instant;
  }

  /** Records expiries of `product` known to have data, and forgets those over at `atMs`. */
  note(productSymbol: string, expiries: Iterable<string>, atMs: number): void {
    const product = this.products.get(productSymbol);
    if (!product) return;
    const merged = new Set([...(this.known.get(productSymbol) ?? []), ...expiries]);
    this.known.set(
      productSymbol,
      [...merged].filter((expiry) => this.expiryInstant(product, expiry) > atMs).sort(),
    );
  }

  /** The nearest known expiry of `product` live at `atMs`, if any. */
  nearest(productSymbol: string, atMs: number): string | undefined {
    const product = this.products.get(productSymbol);
    if (!product) return undefined;
    return this.known.get(productSymbol)?.find((expiry) => this.expiryInstant(product, expiry) > atMs);
  }

  /**
   * Records a chain of `expiry` stamped `atMs` and says whether it is of the nearest live expiry, the
   * one `chain:{SYMBOL}` and the `general` summary follow.
   */
  isNearest(productSymbol: string, expiry: string, atMs: number): boolean {
    this.note(productSymbol, [expiry], atMs);
    return this.nearest(productSymbol, atMs) === expiry;
  }
}
