import type { Principal, UserPrincipal } from '@deltastream/auth/principal';
import { AppError } from './errors';

/** The principal of a `user` or `admin` route, which the route wrapper has already checked is signed in. */
export function signedInUser(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw new AppError('UNAUTHORIZED', 'sign in first');
  return principal;
}
