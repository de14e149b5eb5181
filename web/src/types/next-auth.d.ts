import type { DefaultSession } from 'next-auth';

// The session carries the user's id and role, so pages and route handlers need no database read.
declare module 'next-auth' {
  interface User {
    role: 'user' | 'admin';
  }
  interface Session {
    user: DefaultSession['user'] & { id: string; role: 'user' | 'admin' };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: 'user' | 'admin';
  }
}
