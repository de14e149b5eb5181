import type { User } from '@deltastream/db/queries';

/** A user as the API shows them (snake_case, never the password hash). */
export function userJson(user: Pick<User, 'id' | 'email' | 'name' | 'role'>) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
