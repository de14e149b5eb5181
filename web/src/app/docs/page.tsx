import type { Metadata } from 'next';
import {
  openApiDocument,
  type HttpMethod,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiResponse,
} from '../../server/openapi';
import { constraintsOf, RichText, schemaAnchor, SchemaView, TypeLabel } from './schema-view';

export const metadata: Metadata = { title: 'DeltaStream API' };

const METHOD_STYLE: Record<HttpMethod, string> = {
  get: 'bg-emerald-500/15 text-emerald-300 ring-emerald-500/40',
  post: 'bg-sky-500/15 text-sky-300 ring-sky-500/40',
  patch: 'bg-amber-500/15 text-amber-300 ring-amber-500/40',
  delete: 'bg-rose-500/15 text-rose-300 ring-rose-500/40',
};

interface Entry {
  path: string;
  method: HttpMethod;
  operation: OpenApiOperation;
}

function entriesByTag(document: OpenApiDocument): Map<string, Entry[]> {
  const byTag = new Map<string, Entry[]>(document.tags.map((tag) => [tag.name, []]));
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods) as [HttpMethod, OpenApiOperation][]) {
      for (const tag of operation.tags) byTag.get(tag)?.push({ path, method, operation });
    }
  }
  return byTag;
}

/** A response as the operation lists it, or the shared one it refers to. */
function resolveResponse(
  document: OpenApiDocument,
  response: OpenApiResponse | { $ref: string },
): OpenApiResponse {
  if (!('$ref' in response)) return response;
  return (
    document.components.responses[response.$ref.split('/').pop() ?? ''] ?? { description: response.$ref }
  );
}

function MethodBadge({ method }: { method: HttpMethod }) {
  return (
    <span
      className={`inline-block w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-semibold uppercase ring-1 ${METHOD_STYLE[method]}`}
    >
      {method}
    </span>
  );
}

function Operation({ document, entry }: { document: OpenApiDocument; entry: Entry }) {
  const { operation, path, method } = entry;
  const body = operation.requestBody;
  return (
    <article
      id={operation.operationId}
      className="scroll-mt-6 rounded-lg border border-slate-800 bg-slate-900/60 p-5"
    >
      <header className="flex flex-wrap items-center gap-3">
        <MethodBadge method={method} />
        <code className="font-mono text-slate-100">{path}</code>
        <span className="text-slate-400">{operation.summary}</span>
        <span className="ml-auto text-xs text-slate-500">
          {operation.security.length === 0 ? 'no credentials' : 'bearer token or session'}
        </span>
      </header>
      {operation.description && (
        <div className="mt-3 space-y-2 text-sm text-slate-300">
          {operation.description.split('\n\n').map((paragraph, i) => (
            <p key={i}>
              <RichText text={paragraph} />
            </p>
          ))}
        </div>
      )}
      {operation.parameters.length > 0 && (
        <section className="mt-4">
          <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-400 uppercase">Parameters</h4>
          <table className="w-full text-left text-sm">
            <tbody className="divide-y divide-slate-800">
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}:${parameter.name}`}>
                  <td className="py-1.5 pr-3 font-mono text-slate-100">{parameter.name}</td>
                  <td className="py-1.5 pr-3 text-xs text-slate-500">
                    {parameter.in}
                    {parameter.required ? <span className="text-rose-300"> · required</span> : null}
                  </td>
                  <td className="py-1.5 pr-3">
                    <TypeLabel schema={parameter.schema} />
                  </td>
                  <td className="py-1.5 text-xs text-slate-400">
                    {[...constraintsOf(parameter.schema), parameter.description].filter(Boolean).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {body && (
        <section className="mt-4">
          <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-400 uppercase">
            Request body {body.required ? '' : '(optional)'}
          </h4>
          {Object.entries(body.content).map(([contentType, { schema }]) => (
            <p key={contentType} className="text-sm">
              <span className="text-slate-500">{contentType}: </span>
              <TypeLabel schema={schema} />
            </p>
          ))}
        </section>
      )}
      <section className="mt-4">
        <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-400 uppercase">Responses</h4>
        <ul className="space-y-1 text-sm">
          {Object.entries(operation.responses).map(([status, listed]) => {
            const response = resolveResponse(document, listed);
            return (
              <li key={status} className="flex flex-wrap gap-x-3">
                <span
                  className={`font-mono ${status.startsWith('2') ? 'text-emerald-300' : 'text-amber-300'}`}
                >
                  {status}
                </span>
                <span className="text-slate-300">
                  <RichText text={response.description} />
                </span>
                {Object.entries(response.content ?? {}).map(([contentType, { schema }]) => (
                  <span key={contentType} className="text-slate-400">
                    {contentType === 'application/json' ? null : `${contentType} `}
                    <TypeLabel schema={schema} />
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}

/** The OpenAPI document of /api/docs, rendered: every operation, its parameters, and every schema. */
export default function ApiDocsPage() {
  const document = openApiDocument();
  const byTag = entriesByTag(document);
  return (
    <main className="mx-auto max-w-6xl px-6 py-10">
      <header className="mb-8">
        <h1 className="text-2xl font-semibold text-slate-100">{document.info.title}</h1>
        <p className="mt-1 text-sm text-slate-500">
          OpenAPI {document.openapi} ·{' '}
          <a href="/api/docs" className="text-sky-300 hover:underline">
            /api/docs
          </a>
        </p>
        <div className="mt-4 space-y-2 text-sm text-slate-300">
          {document.info.description.split('\n\n').map((paragraph, i) => (
            <p key={i}>
              <RichText text={paragraph} />
            </p>
          ))}
        </div>
      </header>

      <nav className="mb-10 grid gap-6 rounded-lg border border-slate-800 p-5 sm:grid-cols-2">
        {document.tags.map((tag) => (
          <div key={tag.name}>
            <h2 className="text-sm font-semibold text-slate-200">{tag.name}</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {(byTag.get(tag.name) ?? []).map(({ path, method, operation }) => (
                <li key={operation.operationId}>
                  <a href={`#${operation.operationId}`} className="flex gap-2 hover:text-sky-300">
                    <span className="w-14 font-mono text-xs text-slate-500 uppercase">{method}</span>
                    <span className="font-mono text-slate-300">{path}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>

      {document.tags.map((tag) => (
        <section key={tag.name} className="mb-12">
          <h2 className="text-xl font-semibold text-slate-100">{tag.name}</h2>
          <p className="mb-4 text-sm text-slate-400">{tag.description}</p>
          <div className="space-y-4">
            {(byTag.get(tag.name) ?? []).map((entry) => (
              <Operation key={entry.operation.operationId} document={document} entry={entry} />
            ))}
          </div>
        </section>
      ))}

      <section>
        <h2 className="mb-4 text-xl font-semibold text-slate-100">Schemas</h2>
        <div className="space-y-3">
          {Object.entries(document.components.schemas).map(([name, schema]) => (
            <div
              key={name}
              id={schemaAnchor(name)}
              className="scroll-mt-6 rounded-lg border border-slate-800 bg-slate-900/60 p-4"
            >
              <h3 className="mb-3 font-mono text-slate-100">{name}</h3>
              <SchemaView schema={schema} />
            </div>
          ))}
        </div>
      </section>
    </main>
  );
}
