/**
 * Just enough PromQL reading to check a dashboard or an alert rule against the metrics the code emits:
 * which series an expression selects, which labels its selectors match on, and which labels it groups by;
 * and whether it parses at all.
 */
import { parser } from '@prometheus-io/lezer-promql';

export interface Selector {
  metric: string;
  /** Label names in the selector's matchers (`{queue="chains", state!="completed"}` → queue, state). */
  matchedLabels: string[];
}

export interface PromqlReferences {
  selectors: Selector[];
  /** Labels in by/without/on/ignoring/group_left/group_right clauses. */
  groupingLabels: string[];
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);
const IDENTIFIER = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;

export function readPromql(expression: string): PromqlReferences {
  const selectors: Selector[] = [];
  // Selectors first, quoted matcher values intact (they may hold braces or a __name__).
  let rest = expression.replace(
    /([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\}/g,
    (_selector, metric: string | undefined, matchers: string) => {
      const matchedLabels = [...matchers.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map(
        (m) => m[1] ?? '',
      );
      const name = metric ?? /__name__\s*=\s*"([^"]*)"/.exec(matchers)?.[1];
      if (name !== undefined && !KEYWORDS.has(name)) selectors.push({ metric: name, matchedLabels });
      return ' ';
    },
  );
  // Then the other string literals (label_replace arguments and the like).
  rest = rest.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ');
  const groupingLabels: string[] = [];
  rest = rest.replace(
    /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
    (_clause, labels: string) => {
      groupingLabels.push(...(labels.match(IDENTIFIER) ?? []));
      return ' ';
    },
  );
  // Range and offset durations, numbers, then functions (an identifier before "(").
  rest = rest.replace(/\[[^\]]*\]/g, ' ').replace(/\b\d[\w.]*/g, ' ');
  for (const match of rest.matchAll(IDENTIFIER)) {
    const name = match[0];
    const after = rest.slice((match.index ?? 0) + name.length);
    if (KEYWORDS.has(name.toLowerCase()) || /^\s*\(/.test(after)) continue;
    selectors.push({ metric: name, matchedLabels: [] });
  }
  return { selectors, groupingLabels };
}

/** Every `expr` in a Grafana dashboard (rows' nested panels included), with the panel title. */
export function dashboardExpressions(dashboard: unknown): { panel: string; expr: string }[] {
  const found: { panel: string; expr: string }[] = [];
  const visit = (panels: unknown) => {
    if (!Array.isArray(panels)) return;
    for (const panel of panels as { title?: string; targets?: { expr?: string }[]; panels?: unknown }[]) {
      for (const target of panel.targets ?? []) {
        if (typeof target.expr === 'string')
          found.push({ panel: panel.title ?? '(untitled)', expr: target.expr });
      }
      visit(panel.panels);
    }
  };
  visit((dashboard as { panels?: unknown }).panels);
  return found;
}

/**
 * Where `expression` breaks PromQL's grammar (Prometheus's own, as its web UI parses it), as
 * `column: text` entries; empty when it parses.
 */
export function promqlSyntaxErrors(expression: string): string[] {
  const errors: string[] = [];
  parser.parse(expression).iterate({
    enter: (node) => {
      if (node.type.isError)
        errors.push(`${node.from}: ${JSON.stringify(expression.slice(node.from, node.from + 20))}`);
    },
  });
  return errors;
}
