/**
 * Every environment variable the code reads (the tiers' zod env schemas, the libraries they run on, and
 * every `process.env.X` in shipped sources) is set by docker-compose.yml and by k8s/ for the process that
 * reads it, or is deliberately left at a documented default; nothing is set that nobody reads; and
 * .env.example documents every one of them.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IConfigMap, IContainer, ISecret } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, readRepoFile, readYaml, readYamlDocuments } from './repo-files';
import {
  acceptsUnset,
  allVariablesRead,
  PROCESSES,
  processEnvReads,
  variablesRead,
  type Deployable,
} from './tier-variables';

interface Manifest {
  kind: string;
  metadata: { name: string };
}

const DEPLOYABLES = Object.keys(PROCESSES) as Deployable[];
const compose = readYaml<{ services: Record<string, { environment?: Record<string, unknown> }> }>(
  'docker-compose.yml',
);
const k8s = [
  'configmap.yaml',
  'secret.example.yaml',
  'feed.yaml',
  'worker.yaml',
  'realtime.yaml',
  'web.yaml',
  'market-api.yaml',
  'migrate-job.yaml',
].flatMap((file) => readYamlDocuments(`k8s/${file}`)) as Manifest[];
const example = readRepoFile('.env.example');

/** Variables the image sets itself (ENV in the Dockerfile's last stage). */
function imageVariables(deployable: Deployable): string[] {
  const runtime = parseDockerfile(readRepoFile(PROCESSES[deployable].dockerfile)).at(-1);
  return (runtime?.instructions ?? [])
    .filter((instruction) => instruction.keyword === 'ENV')
    .flatMap((instruction) => [...instruction.args.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1] ?? ''));
}

function composeVariables(deployable: Deployable): string[] {
  return Object.keys(compose.services[PROCESSES[deployable].composeService]?.environment ?? {});
}

/** The main container of a process's Deployment or Job, and what its environment names. */
function k8sVariables(deployable: Deployable): string[] {
  const { kind, name } = PROCESSES[deployable].k8s;
  const workload = k8s.find((m) => m.kind === kind && m.metadata.name === name) as unknown as
    IDeployment | IJob;
  const container = workload?.spec?.template.spec?.containers[0] as IContainer;
  const names = (container.env ?? []).map((variable) => variable.name);
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const document = k8s.find((m) => m.metadata.name === ref?.name) as unknown as
      Pick<IConfigMap, 'data'> | Pick<ISecret, 'stringData'> | undefined;
    expect(document, `envFrom ${ref?.name}`).toBeDefined();
    names.push(
      ...Object.keys({
        ...(document && 'data' in document ? document.data : {}),
        ...(document && 'stringData' in document ? document.stringData : {}),
      }),
    );
  }
  return names;
}

const documented = (variable: string) => new RegExp(`^#?\\s*${variable}=`, 'm').test(example);

describe.each(DEPLOYABLES)('%s', (deployable) => {
  const reads = variablesRead(deployable);
  const atDefault = PROCESSES[deployable].leftAtDefault;

  it('reads variables (the schema unwraps to its object)', () => {
    expect(reads.length).toBeGreaterThan(5);
    expect(reads).toContain('NODE_ENV');
  });

  it.each([
    ['docker-compose.yml', composeVariables],
    ['k8s/', k8sVariables],
  ] as const)(
    'gets every variable it reads from %s or its image, or leaves it at a documented default',
    (_where, setBy) => {
      const set = new Set([...setBy(deployable), ...imageVariables(deployable)]);
      const missing = reads.filter((variable) => !set.has(variable) && !(variable in atDefault));
      expect(missing).toEqual([]);
    },
  );

  it('leaves at their default only variables the schema lets go unset', () => {
    for (const variable of Object.keys(atDefault)) {
      expect(reads, `${variable} is not read any more`).toContain(variable);
      expect(acceptsUnset(deployable, variable), `${variable} has no default`).toBe(true);
    }
  });

  it('is given, in docker-compose.yml, no variable it does not read', () => {
    const stale = composeVariables(deployable).filter((variable) => !reads.includes(variable));
    expect(stale).toEqual([]);
  });
});

describe('k8s/configmap.yaml', () => {
  it('holds no key that no process reads', () => {
    const configMap = k8s.find((m) => m.kind === 'ConfigMap') as unknown as IConfigMap;
    const read = new Set(allVariablesRead());
    expect(Object.keys(configMap.data ?? {}).filter((key) => !read.has(key))).toEqual([]);
  });
});

describe('.env.example', () => {
  it('documents every variable the code reads', () => {
    expect(allVariablesRead().filter((variable) => !documented(variable))).toEqual([]);
  });

  it('documents no variable that nothing reads or substitutes', () => {
    const read = new Set(allVariablesRead());
    const composeText = readRepoFile('docker-compose.yml');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');
    const stale = listed.filter(
      (variable) =>
        !read.has(variable) && !composeText.includes(`\${${variable}`) && variable !== 'COMPOSE_PROJECT_NAME',
    );
    expect(stale).toEqual([]);
  });

  it('covers process.env reads outside the schemas', () => {
    const reads = processEnvReads();
    expect(reads.has('NODE_ENV')).toBe(true);
    for (const variable of reads.keys()) expect(documented(variable), variable).toBe(true);
  });
});
