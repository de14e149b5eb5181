import { AppError } from './errors';
import type { Principal } from './principal';

/** The principal of a `user` or `admin` route, which the route wrapper has already checked is signed in. */
export function signedInUser(principal: Principal): Principal & { kind: 'user' } {
  if (principal.kind !== 'user') throw new AppError('UNAUTHORIZED', 'sign in first');
  return principal;
}
