import type { ReactNode } from 'react';
import type { JsonSchema } from '../../server/openapi';

const REF_PREFIX = '#/components/schemas/';

export const schemaAnchor = (name: string) => `schema-${name}`;

const asSchema = (value: unknown): JsonSchema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;

const asSchemas = (value: unknown): JsonSchema[] =>
  Array.isArray(value)
    ? value.map(asSchema).filter((schema): schema is JsonSchema => schema !== undefined)
    : [];

/** `code` and **bold** in the document's prose; nothing else of Markdown is used. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).map((part, i) => {
        if (part.startsWith('**'))
          return (
            <strong key={i} className="text-slate-100">
              {part.slice(2, -2)}
            </strong>
          );
        if (part.startsWith('`')) {
          return (
            <code key={i} className="rounded bg-slate-800 px-1 font-mono text-[0.85em] text-amber-200">
              {part.slice(1, -1)}
            </code>
          );
        }
        return part;
      })}
    </>
  );
}

/** A short name for a schema's type: `string (date)`, `array of Candle`, `number | null`. */
export function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.slice(REF_PREFIX.length);
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-mono text-sky-300 hover:underline">
        {name}
      </a>
    );
  }
  const variants = asSchemas(schema.anyOf ?? schema.oneOf);
  if (variants.length > 0) {
    return variants.map((variant, i) => (
      <span key={i}>
        {i > 0 && <span className="text-slate-500"> | </span>}
        <TypeLabel schema={variant} />
      </span>
    ));
  }
  if (Array.isArray(schema.enum)) {
    return (
      <span className="font-mono text-violet-300">
        {schema.enum.map((value) => JSON.stringify(value)).join(' | ')}
      </span>
    );
  }
  if ('const' in schema)
    return <span className="font-mono text-violet-300">{JSON.stringify(schema.const)}</span>;
  const items = asSchema(schema.items);
  if (schema.type === 'array' && items) {
    return (
      <span>
        <span className="text-slate-400">array of </span>
        <TypeLabel schema={items} />
      </span>
    );
  }
  const values = asSchema(schema.additionalProperties);
  if (schema.type === 'object' && !schema.properties && values) {
    const keys = asSchema(schema.propertyNames);
    return (
      <span>
        <span className="text-slate-400">map of </span>
        {keys ? <TypeLabel schema={keys} /> : <span className="font-mono text-emerald-300">string</span>}
        <span className="text-slate-400"> → </span>
        <TypeLabel schema={values} />
      </span>
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  return (
    <span className="font-mono text-emerald-300">
      {type}
      {typeof schema.format === 'string' && <span className="text-slate-400"> ({schema.format})</span>}
    </span>
  );
}

const SAFE_INTEGER = 9_007_199_254_740_991;

/** Bounds, defaults and the like, in words; JavaScript's safe-integer bounds that zod adds are left out. */
export function constraintsOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const bound = (keyword: string, label: string) => {
    const value = schema[keyword];
    if (typeof value === 'number' && Math.abs(value) !== SAFE_INTEGER) notes.push(`${label} ${value}`);
  };
  bound('minimum', '≥');
  bound('exclusiveMinimum', '>');
  bound('maximum', '≤');
  bound('exclusiveMaximum', '<');
  bound('minLength', 'length ≥');
  bound('maxLength', 'length ≤');
  bound('minItems', 'items ≥');
  bound('maxItems', 'items ≤');
  if ('default' in schema) notes.push(`default ${JSON.stringify(schema.default)}`);
  // A format says it in a word; the pattern zod derives from it is unreadable.
  if (typeof schema.pattern === 'string' && schema.format === undefined)
    notes.push(`matches ${schema.pattern}`);
  return notes;
}

/** The object-like part of a schema: its own properties, or those of the nullable object it wraps. */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (asSchema(schema.properties)) return schema;
  if (schema.type === 'array') return undefined;
  const variants = asSchemas(schema.anyOf);
  return variants.find((variant) => asSchema(variant.properties));
}

/** Nested schemas worth opening: objects, and arrays or records of objects (not `$ref`s, which link). */
function nestedOf(schema: JsonSchema): JsonSchema | undefined {
  const items = asSchema(schema.items);
  if (items && objectOf(items)) return objectOf(items);
  const values = asSchema(schema.additionalProperties);
  if (values && objectOf(values)) return objectOf(values);
  return objectOf(schema);
}

/** A schema as a table of its properties, nested objects folded open one level at a time. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const object = objectOf(schema) ?? nestedOf(schema);
  if (!object) {
    const notes = constraintsOf(schema);
    return (
      <p className="text-sm">
        <TypeLabel schema={schema} />
        {notes.length > 0 && <span className="text-slate-400"> — {notes.join(', ')}</span>}
      </p>
    );
  }
  const properties = Object.entries(asSchema(object.properties) ?? {});
  const required = new Set(Array.isArray(object.required) ? object.required : []);
  return (
    <ul className="divide-y divide-slate-800 rounded border border-slate-800 text-sm">
      {properties.map(([name, value]) => {
        const property = asSchema(value) ?? {};
        const nested = nestedOf(property);
        const notes = constraintsOf(property);
        const line = (
          <span className="inline-flex flex-wrap items-baseline gap-x-2">
            <span className="font-mono text-slate-100">{name}</span>
            {required.has(name) ? (
              <span className="text-xs text-rose-300">required</span>
            ) : (
              <span className="text-xs text-slate-500">optional</span>
            )}
            <TypeLabel schema={property} />
            {notes.length > 0 && <span className="text-xs text-slate-400">{notes.join(', ')}</span>}
            {typeof property.description === 'string' && (
              <span className="text-xs text-slate-400">{property.description}</span>
            )}
          </span>
        );
        return (
          <li key={name} className="px-3 py-1.5">
            {nested ? (
              <details>
                <summary className="cursor-pointer">{line}</summary>
                <div className="mt-2 ml-4">
                  <SchemaView schema={nested} />
                </div>
              </details>
            ) : (
              line
            )}
          </li>
        );
      })}
    </ul>
  );
}
