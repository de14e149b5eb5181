import { ROOMS } from '@deltastream/bus/rooms';
import { AlertNotificationSchema, type AlertNotification } from '@deltastream/core/alerts';
import type { Principal } from '@deltastream/auth/principal';
import { parseChannelJson } from './channel-message';

const USER_ROOM_PREFIX = ROOMS.user('');

/**
 * The per-user room a socket belongs in: its authenticated principal's, never one a client names (no
 * client event joins a `user:` room). Anonymous sockets have none.
 */
export function userRoomOf(principal: Principal): string | null {
  return principal.kind === 'user' ? ROOMS.user(principal.userId) : null;
}

/**
 * The user rooms a socket must leave: every `user:` room but its principal's. A recovered session comes
 * back with the rooms it had, and is authenticated again with whatever token the client presents now;
 * should that be another user's, it must not keep hearing the first user's alerts.
 */
export function strayUserRooms(rooms: Iterable<string>, principal: Principal): string[] {
  const own = userRoomOf(principal);
  return [...rooms].filter((room) => room.startsWith(USER_ROOM_PREFIX) && room !== own);
}

/** Whether a room is a user room: internal routing, not shown in the `connected` greeting. */
export const isUserRoom = (room: string) => room.startsWith(USER_ROOM_PREFIX);

/**
 * Parses one message of the `alerts:fired` channel. Alerts are small and rare, so the whole contract is
 * checked: a malformed one is dropped rather than sent to a browser.
 */
export function parseAlertNotification(
  message: string,
): { ok: true; notification: AlertNotification } | { ok: false; reason: string } {
  const json = parseChannelJson(message);
  if (!json.ok) return json;
  const parsed = AlertNotificationSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, notification: parsed.data };
}
