/**
 * What a page learns of its request: the origin the browser addressed (through our edge, as the route
 * wrapper reads it), so links and callbacks stay on the host the user is on.
 */
import { headers } from 'next/headers';
import { requestOrigin } from './client-address';
import { getContext } from './context';

export async function pageOrigin(): Promise<string> {
  const incoming = await headers();
  const host = incoming.get('host') ?? 'localhost';
  return requestOrigin(
    new Request(`http://${host}/`, { headers: incoming }),
    getContext().config.TRUSTED_PROXY_HOPS,
  );
}

/** A search parameter as one string (the first when repeated). */
export function searchParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
