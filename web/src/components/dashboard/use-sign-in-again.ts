'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { ApiError } from '../../client/api';

/**
 * Sends the trader to sign in again (and back to `page` after) once a read answers 401: the server checked
 * the session before rendering, so a 401 later means it ended while the page was open.
 */
export function useSignInAgain(errors: readonly (Error | null)[], page: string): void {
  const router = useRouter();
  const signedOut = errors.some((error) => error instanceof ApiError && error.status === 401);
  useEffect(() => {
    if (signedOut) router.replace(`/signin?callbackUrl=${encodeURIComponent(page)}`);
  }, [signedOut, router, page]);
}
