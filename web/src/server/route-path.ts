/**
 * Route paths as specs write them (`/api/data/chain/{product}`, OpenAPI's template syntax) matched
 * against request paths: one literal or one `{name}` per segment, compared segment by segment.
 */
export type PathSegment = { literal: string } | { param: string };

export function pathSegments(pattern: string): PathSegment[] {
  return pattern
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      return param === undefined ? { literal: segment } : { param };
    });
}

/** The names of the pattern's `{name}` segments, in order. */
export function pathParamNames(pattern: string): string[] {
  return pathSegments(pattern).flatMap((segment) => ('param' in segment ? [segment.param] : []));
}

/**
 * The decoded `{name}` segments of `path` when it matches `segments`, else null. A parameter is never
 * empty, and one whose percent-encoding does not decode matches nothing.
 */
export function matchPath(segments: readonly PathSegment[], path: string): Record<string, string> | null {
  const parts = path.split('/').slice(1);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if ('literal' in segment) {
      if (part !== segment.literal) return null;
      continue;
    }
    if (part === '') return null;
    try {
      params[segment.param] = decodeURIComponent(part);
    } catch {
      return null;
    }
  }
  return params;
}
