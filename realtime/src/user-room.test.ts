import { describe, expect, it } from 'vitest';
import type { Principal } from '@deltastream/auth/principal';
import { isUserRoom, parseAlertNotification, strayUserRooms, userRoomOf } from './user-room';

const USER_ID = '6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b';
const OTHER_ID = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const user: Principal = {
  kind: 'user',
  userId: USER_ID,
  email: 'trader@example.com',
  role: 'user',
  via: 'access-token',
  scopes: ['read:market', 'read:stream'],
  expiresAt: null,
};

const firedAlert = {
  id: '17',
  alert_id: OTHER_ID,
  product: 'NIFTY',
  expiry: null,
  condition: { metric: 'spot', direction: 'above', level: 24_500 },
  note: '',
  value: 24_512.3,
  message: 'NIFTY spot 24,512.30 crossed above 24,500',
  data_timestamp: '2026-12-04T09:15:00.000Z',
  fired_at: '2026-12-04T09:15:00.120Z',
};

describe('user rooms', () => {
  it("is the principal's own room, and none for an anonymous socket", () => {
    expect(userRoomOf(user)).toBe(`user:${USER_ID}`);
    expect(userRoomOf({ kind: 'anonymous' })).toBeNull();
    expect(isUserRoom(`user:${USER_ID}`)).toBe(true);
    expect(isUserRoom('general')).toBe(false);
  });

  it("leaves every other user's room a recovered session brought back, and keeps the rest", () => {
    const rooms = ['sid', 'general', `user:${OTHER_ID}`, `user:${USER_ID}`, 'product:NIFTY'];
    expect(strayUserRooms(rooms, user)).toEqual([`user:${OTHER_ID}`]);
    expect(strayUserRooms(rooms, { kind: 'anonymous' })).toEqual([`user:${OTHER_ID}`, `user:${USER_ID}`]);
  });
});

describe('alert notifications', () => {
  it('parses a notification as the worker publishes it', () => {
    const message = JSON.stringify({ user_id: USER_ID, alert: firedAlert });
    expect(parseAlertNotification(message)).toEqual({
      ok: true,
      notification: { user_id: USER_ID, alert: firedAlert },
    });
  });

  it('refuses what is not one, saying where', () => {
    expect(parseAlertNotification('{')).toEqual({ ok: false, reason: 'not JSON' });
    expect(parseAlertNotification(JSON.stringify({ user_id: 'u1', alert: firedAlert }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^user_id: /),
    });
    const { value: _value, ...withoutValue } = firedAlert;
    expect(parseAlertNotification(JSON.stringify({ user_id: USER_ID, alert: withoutValue }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^alert\.value: /),
    });
  });
});
