import { z } from 'zod';
import { PositivePriceSchema, ProductSymbolSchema } from './primitives';

export const PricingModelSchema = z.enum(['black-scholes-merton', 'black-76']);
export const DayCountSchema = z.enum(['ACT/365', 'BUS/252']);
export const WeekdaySchema = z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI']);

/** The conventions every computed price and Greek was produced under; travels with the numbers. */
export const PricingConventionsSchema = z.object({
  model: PricingModelSchema.describe(
    'black-scholes-merton on spot with a continuous dividend yield, or black-76 on a forward/futures price.',
  ),
  rate: z.number().finite().describe('Risk-free rate, continuously compounded, per year of the day count.'),
  dividend_yield: z
    .number()
    .finite()
    .describe('Continuous dividend yield per year of the day count (black-scholes-merton only).'),
  day_count: DayCountSchema.describe(
    'How T is measured: ACT/365 (calendar time) or BUS/252 (business days in the exchange calendar / 252). Under BUS/252 the same business time discounts the rate and the dividend yield, so a weekend neither ages an option nor accrues carry.',
  ),
});
export type PricingConventions = z.infer<typeof PricingConventionsSchema>;

/**
 * When a product's options expire: on `weekday` (moved to the previous business day on a holiday),
 * the next `weekly` weekly expiries and the next `monthly` monthly ones, at `expiry_time` local to the
 * product's time zone. The monthly is the last such weekday of the month (NSE/BSE) or its n-th
 * occurrence (US listed options: the third Friday), per `monthly_occurrence`.
 */
export const ExpiryRuleSchema = z.object({
  weekday: WeekdaySchema,
  weekly: z.number().int().min(0).max(12),
  monthly: z.number().int().min(0).max(12),
  monthly_occurrence: z.union([z.literal('last'), z.number().int().min(1).max(4)]).default('last'),
  expiry_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
});
export type ExpiryRule = z.infer<typeof ExpiryRuleSchema>;

/** The fields of a catalogue entry, before the checks that span several of them (ProductSchema). */
const ProductFieldsSchema = z.object({
  symbol: ProductSymbolSchema,
  name: z.string().min(1).max(100),
  exchange: z.string().min(1).max(20),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as INR or USD'),
  time_zone: z.string().min(1),
  base_price: PositivePriceSchema,
  strike_step: PositivePriceSchema,
  strikes_each_side: z.number().int().min(1).max(250),
  lot_size: z.number().int().positive(),
  /** Annualised ATM volatility the simulator starts from (0.15 = 15%). */
  volatility: z.number().finite().positive().max(5),
  conventions: PricingConventionsSchema,
  expiry_rule: ExpiryRuleSchema,
  /**
   * Local dates the exchange is closed: no expiry falls on one and BUS/252 does not count it. The
   * catalogue fills them from the product's exchange calendar (config/calendars/, by `calendar` id).
   */
  holidays: z.array(z.iso.date()).default([]),
});

/** What a client of the live stream is told of a product (the `products` answer's `catalogue`). */
export const ProductListingSchema = ProductFieldsSchema.pick({
  symbol: true,
  name: true,
  exchange: true,
  currency: true,
  strike_step: true,
  lot_size: true,
});
export type ProductListing = z.infer<typeof ProductListingSchema>;

/** One entry of the product catalogue. Adding a product is adding one of these, no code change. */
export const ProductSchema = ProductFieldsSchema.superRefine((p, ctx) => {
  if (p.expiry_rule.weekly + p.expiry_rule.monthly === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiry_rule'],
      message: 'needs at least one weekly or monthly expiry',
    });
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: p.time_zone });
  } catch {
    ctx.addIssue({
      code: 'custom',
      path: ['time_zone'],
      message: `unknown IANA time zone "${p.time_zone}"`,
    });
  }
});
export type Product = z.infer<typeof ProductSchema>;
