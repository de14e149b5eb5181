/**
 * Where the browser may go after signing in or out: a path of this site, never another one. `value` is
 * resolved as a browser resolves a link on a page of `origin` (so `/\host`, `//host`, tabs and newlines
 * inside `/\t/host`, `https://evil` and `javascript:` all resolve elsewhere), and followed only when
 * it stays on `origin`. The answer is the path alone, which a browser resolves against the host it is
 * on: a redirect built from it never moves a user from 127.0.0.1 to localhost or back.
 */
export function safeCallbackPath(value: string | null | undefined, origin: string): string {
  if (!value) return '/';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//host` resolves to the path `//host`, which a browser would read as another host again.
  return url.origin === origin && !path.startsWith('//') ? path : '/';
}
