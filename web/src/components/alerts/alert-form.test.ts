import { describe, expect, it } from 'vitest';
import { alertInputOf, describeCondition, EMPTY_ALERT_FORM, type AlertFormState } from './alert-form';

const form = (change: Partial<AlertFormState>): AlertFormState => ({ ...EMPTY_ALERT_FORM, ...change });

describe('alert form', () => {
  it('builds each metric’s condition as the API takes it', () => {
    expect(alertInputOf(form({ level: '24500', expiry: '2026-12-29', note: ' hi ' }), 'NIFTY')).toEqual({
      ok: true,
      // Spot watches no chain: the expiry on screen is not sent.
      input: {
        product: 'NIFTY',
        expiry: null,
        condition: { metric: 'spot', direction: 'above', level: 24_500 },
        note: 'hi',
      },
    });
    const iv = alertInputOf(form({ metric: 'atm_iv', direction: 'below', level: '12.5' }), 'NIFTY');
    expect(iv.ok && iv.input.condition).toEqual({ metric: 'atm_iv', direction: 'below', level: 0.125 });
    const shift = alertInputOf(
      form({ metric: 'max_pain_shift', strikes: '3', expiry: '2026-12-29' }),
      'NIFTY',
    );
    expect(shift.ok && shift.input).toMatchObject({
      expiry: '2026-12-29',
      condition: { metric: 'max_pain_shift', strikes: 3 },
    });
    const oi = alertInputOf(
      form({ metric: 'oi_change', strike: '24550', optionType: 'PUT', level: '-20000' }),
      'NIFTY',
    );
    expect(oi.ok && oi.input.condition).toEqual({
      metric: 'oi_change',
      strike: 24_550,
      option_type: 'PUT',
      direction: 'above',
      level: -20_000,
    });
  });

  it('names the form field of the first problem', () => {
    expect(alertInputOf(form({ level: '' }), 'NIFTY')).toMatchObject({ ok: false, message: /^Level: / });
    expect(alertInputOf(form({ metric: 'iv_rank', level: '120' }), 'NIFTY')).toMatchObject({
      ok: false,
      message: /^Rank 0–100: /,
    });
    expect(alertInputOf(form({ metric: 'max_pain_shift', strikes: '0' }), 'NIFTY')).toMatchObject({
      ok: false,
      message: /^Strikes: /,
    });
    expect(alertInputOf(form({ metric: 'oi_change', level: '5' }), 'NIFTY')).toMatchObject({
      ok: false,
      message: /^Strike: /,
    });
  });

  it('describes conditions in a trader’s words', () => {
    expect(describeCondition({ metric: 'spot', direction: 'above', level: 24_500 })).toBe(
      'Spot above 24,500',
    );
    expect(describeCondition({ metric: 'pcr_oi', direction: 'below', level: 0.7 })).toBe(
      'PCR (OI) below 0.7',
    );
    expect(describeCondition({ metric: 'atm_iv', direction: 'above', level: 0.185 })).toBe(
      'ATM IV above 18.5%',
    );
    expect(describeCondition({ metric: 'iv_rank', direction: 'above', level: 80 })).toBe('IV rank above 80');
    expect(describeCondition({ metric: 'max_pain_shift', strikes: 1 })).toBe('Max pain moves 1 strike');
    expect(describeCondition({ metric: 'max_pain_shift', strikes: 2 })).toBe('Max pain moves 2 strikes');
    expect(
      describeCondition({
        metric: 'oi_change',
        strike: 24_500,
        option_type: 'PUT',
        direction: 'above',
        level: 50_000,
      }),
    ).toBe('OI change 24,500 PE above +50K');
  });
});
