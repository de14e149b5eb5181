import type { ExpiryAtmIv } from '../volatility';

/** An expiry `days` calendar days away under ACT/365 (T = days / 365), with its ATM IV. */
export function act365Expiry(expiry: string, days: number, atmIv: number | null): ExpiryAtmIv {
  return { expiry, time_to_expiry_years: days / 365, atm_iv: atmIv };
}
