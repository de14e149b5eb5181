import { z } from 'zod';

/**
 * What the trader last looked at in this browser: the product, and for each product the expiry. Read
 * back from the browser's storage, so it is parsed like any other input: a value another version wrote,
 * or one edited by hand, counts as no choice.
 */
export const MarketChoiceSchema = z.object({
  product: z.string().optional(),
  expiries: z.record(z.string(), z.string()).default({}),
});
export type MarketChoice = z.infer<typeof MarketChoiceSchema>;

export const NO_CHOICE: MarketChoice = { expiries: {} };

export function parseMarketChoice(stored: string | null): MarketChoice {
  if (stored === null) return NO_CHOICE;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return NO_CHOICE;
  }
  const parsed = MarketChoiceSchema.safeParse(value);
  return parsed.success ? parsed.data : NO_CHOICE;
}

/** The remembered product while the catalogue still lists it, else the catalogue's first. */
export function chosenProduct(catalogue: readonly string[], choice: MarketChoice): string | undefined {
  return choice.product !== undefined && catalogue.includes(choice.product) ? choice.product : catalogue[0];
}

/** The product's remembered expiry while it is still listed (expiries roll off), else the nearest. */
export function chosenExpiry(
  expiries: readonly string[],
  product: string,
  choice: MarketChoice,
): string | undefined {
  const remembered = choice.expiries[product];
  return remembered !== undefined && expiries.includes(remembered) ? remembered : expiries[0];
}

export const withProduct = (choice: MarketChoice, product: string): MarketChoice => ({ ...choice, product });

export const withExpiry = (choice: MarketChoice, product: string, expiry: string): MarketChoice => ({
  ...choice,
  expiries: { ...choice.expiries, [product]: expiry },
});
