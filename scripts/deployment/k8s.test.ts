/**
 * k8s/: every manifest valid against the Kubernetes schemas (kubernetes-models, offline), applied as a
 * whole by kustomization.yaml, and holding what the platform needs: probes, requests and limits and a
 * restricted security context on every pod, Services, autoscalers and disruption budgets that select
 * real pods, an Ingress that carries Socket.IO with session affinity, the migration Job, and a worker
 * grace period longer than its shutdown.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job, type IJob } from 'kubernetes-models/batch/v1';
import { Ingress, type IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  Namespace,
  Secret,
  Service,
  type IConfigMap,
  type IContainer,
  type IPodSpec,
  type ISecret,
  type IService,
} from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { listRepoFiles, readYaml, readYamlDocuments, repoPath } from './repo-files';
import { PROCESSES } from './tier-variables';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}
interface Model {
  validate(): void;
}

/** apiVersion/kind → the kubernetes-models class that validates it. Anything else is refused. */
const MODELS: Record<string, new (data: never) => Model> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
};

const MANIFEST_FILES = listRepoFiles('k8s', (name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml');
const manifests = MANIFEST_FILES.flatMap((file) =>
  readYamlDocuments(file).map((document) => ({ file, manifest: document as Manifest })),
);
const applied = manifests
  .filter(({ file }) => !file.endsWith('.example.yaml'))
  .map(({ manifest }) => manifest);
const ofKind = <T>(kind: string) => applied.filter((m) => m.kind === kind) as unknown as (T & Manifest)[];

const kustomization = readYaml<{
  namespace: string;
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}>('k8s/kustomization.yaml');
const configMap = ofKind<IConfigMap>('ConfigMap').find((m) => m.metadata.name === 'deltastream-config');
const secretExample = manifests.find(({ file }) => file === 'k8s/secret.example.yaml')?.manifest as
  (ISecret & Manifest) | undefined;
const deployments = ofKind<IDeployment>('Deployment');
const jobs = ofKind<IJob>('Job');
const services = ofKind<IService>('Service');
const ingresses = ofKind<IIngress>('Ingress');

const TIERS = ['feed', 'worker', 'realtime', 'web', 'market-api'] as const;

/** What each Deployment serves: its port's variable, its probes and metrics, and the image it runs. */
const SERVES: Record<
  (typeof TIERS)[number],
  { portVariable: string; health: string; ready: string; metrics: string; image: string }
> = {
  feed: { portVariable: 'FEED_PORT', health: '/health', ready: '/ready', metrics: '/metrics', image: 'feed' },
  worker: {
    portVariable: 'WORKER_PORT',
    health: '/health',
    ready: '/ready',
    metrics: '/metrics',
    image: 'worker',
  },
  realtime: {
    portVariable: 'REALTIME_PORT',
    health: '/health',
    ready: '/ready',
    metrics: '/metrics',
    image: 'realtime',
  },
  web: {
    portVariable: 'PORT',
    health: '/health',
    ready: '/ready',
    metrics: '/api/metrics',
    image: 'web',
  },
  'market-api': {
    portVariable: 'MARKET_API_PORT',
    health: '/health',
    ready: '/ready',
    metrics: '/metrics',
    image: 'web',
  },
};
const deploymentOf = (tier: (typeof TIERS)[number]) =>
  deployments.find((d) => d.metadata.name === PROCESSES[tier].k8s.name);
const podSpecOf = (workload: IDeployment | IJob): IPodSpec => workload.spec?.template.spec as IPodSpec;
const mainContainer = (workload: IDeployment | IJob) => podSpecOf(workload).containers[0] as IContainer;

/** Each workload's pods, init containers included. */
const workloads = [...deployments, ...jobs].map((workload) => ({ name: workload.metadata.name, workload }));

/** A container's environment as the kubelet builds it: envFrom first, then env overriding it. */
function resolvedEnv(container: IContainer): Map<string, { value?: string; secret?: string }> {
  const env = new Map<string, { value?: string; secret?: string }>();
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const data = ofKind<IConfigMap>('ConfigMap').find(
        (m) => m.metadata.name === source.configMapRef?.name,
      )?.data;
      if (!data) throw new Error(`no ConfigMap ${source.configMapRef.name}`);
      for (const [key, value] of Object.entries(data)) env.set(key, { value });
    }
    if (source.secretRef) {
      for (const key of Object.keys(secretExample?.stringData ?? {}))
        env.set(key, { secret: `${source.secretRef.name}/${key}` });
    }
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    env.set(variable.name, ref ? { secret: `${ref.name}/${ref.key}` } : { value: variable.value ?? '' });
  }
  return env;
}

/** Kubernetes quantities (`250m`, `2`, `512Mi`, `1Gi`) as numbers. */
function quantity(value: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$/.exec(String(value));
  if (!match) throw new Error(`not a quantity: ${value}`);
  const scale = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };
  return Number(match[1]) * (match[2] ? scale[match[2] as keyof typeof scale] : 1);
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels?.[key] === value);

describe('every manifest under k8s/ against the Kubernetes schemas', () => {
  it('finds manifests', () => {
    expect(manifests.length).toBeGreaterThan(10);
  });

  it.each(
    manifests.map(({ file, manifest }) => [`${file}: ${manifest.kind} ${manifest.metadata?.name}`, manifest]),
  )('%s', (_label, manifest) => {
    const model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
    expect(model, `no model for ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
    expect(() => new (model as new (data: Manifest) => Model)(manifest).validate()).not.toThrow();
  });
});

describe('k8s/kustomization.yaml', () => {
  it('applies every manifest except the Secret example', () => {
    const listed = kustomization.resources.map((resource) => `k8s/${resource}`);
    for (const resource of listed) expect(existsSync(repoPath(resource)), resource).toBe(true);
    const expected = MANIFEST_FILES.filter((file) => !file.endsWith('.example.yaml'));
    expect([...listed].sort()).toEqual(expected);
    expect(listed).not.toContain('k8s/secret.example.yaml');
  });

  it('puts everything in the namespace it creates, which enforces the restricted pod security standard', () => {
    const [namespace, ...others] = ofKind<Manifest>('Namespace');
    expect(others).toEqual([]);
    expect(namespace?.metadata.name).toBe(kustomization.namespace);
    expect(namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('pins a tag for every image a pod runs', () => {
    const images = new Set(
      workloads.flatMap(({ workload }) =>
        [...(podSpecOf(workload).initContainers ?? []), ...podSpecOf(workload).containers].map(
          (c) => c.image,
        ),
      ),
    );
    for (const image of images) {
      const entry = kustomization.images?.find((candidate) => candidate.name === image);
      expect(entry?.newTag, `images: ${image}`).toMatch(/^[\w.-]+$/);
      expect(entry?.newTag).not.toBe('latest');
    }
  });
});

describe.each(workloads)('pods of $name', ({ workload }) => {
  const spec = podSpecOf(workload);
  const containers = [...(spec.initContainers ?? []), ...spec.containers];

  it('run as non-root under the RuntimeDefault seccomp profile, without API token or service links', () => {
    expect(spec.securityContext?.runAsNonRoot).toBe(true);
    expect(spec.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(spec.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
    expect(spec.automountServiceAccountToken).toBe(false);
    // A Service named like a tier would inject <NAME>_PORT=tcp://… over the tier's own setting.
    expect(spec.enableServiceLinks).toBe(false);
  });

  it.each(containers.map((container) => [container.name, container]))(
    '%s: no privilege escalation, no capabilities, read-only root, /tmp on an emptyDir',
    (_name, container) => {
      const context = container.securityContext;
      expect(context?.allowPrivilegeEscalation).toBe(false);
      expect(context?.capabilities?.drop).toContain('ALL');
      expect(context?.capabilities?.add ?? []).toEqual([]);
      expect(context?.privileged ?? false).toBe(false);
      expect(context?.readOnlyRootFilesystem).toBe(true);
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      expect(spec.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
    },
  );

  it.each(containers.map((container) => [container.name, container]))(
    '%s: CPU and memory requests no larger than their limits',
    (_name, container) => {
      for (const resource of ['cpu', 'memory']) {
        const request = container.resources?.requests?.[resource];
        const limit = container.resources?.limits?.[resource];
        expect(request, `${resource} request`).toBeDefined();
        expect(limit, `${resource} limit`).toBeDefined();
        expect(quantity(request)).toBeLessThanOrEqual(quantity(limit));
      }
    },
  );
});

describe.each(TIERS)('%s Deployment', (tier) => {
  const deployment = deploymentOf(tier) as IDeployment & Manifest;
  const spec = deployment ? podSpecOf(deployment) : ({ containers: [] } as IPodSpec);
  const container = spec.containers[0] as IContainer;
  const portOf = (port: string | number | undefined) =>
    container.ports?.find((p) => p.name === port || p.containerPort === port)?.containerPort;
  const { health: healthPath, ready: readyPath, metrics: metricsPath } = SERVES[tier];

  it('exists, with its pods selected by its own selector', () => {
    expect(deployment).toBeDefined();
    expect(selects(deployment.spec?.selector.matchLabels, deployment.spec?.template.metadata?.labels)).toBe(
      true,
    );
  });

  it(`has readiness (${readyPath}) and liveness (${healthPath}) probes on a declared port`, () => {
    expect(container.readinessProbe?.httpGet?.path).toBe(readyPath);
    expect(container.livenessProbe?.httpGet?.path).toBe(healthPath);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      if (probe) expect(portOf(probe.httpGet?.port), 'probe port').toBeDefined();
    }
  });

  it('listens on the port its configuration names', () => {
    const env = resolvedEnv(container);
    expect(container.ports?.map((p) => p.containerPort)).toEqual([
      Number(env.get(SERVES[tier].portVariable)?.value),
    ]);
  });

  it(`is scraped by Prometheus on ${metricsPath}`, () => {
    const annotations = deployment.spec?.template.metadata?.annotations ?? {};
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(container.ports?.[0]?.containerPort);
    expect(annotations['prometheus.io/path']).toBe(metricsPath);
  });

  it('has a Service selecting its pods on a declared port', () => {
    const service = services.find((s) =>
      selects(s.spec?.selector, deployment.spec?.template.metadata?.labels),
    );
    expect(service).toBeDefined();
    for (const port of service?.spec?.ports ?? []) expect(portOf(port.targetPort)).toBeDefined();
    // Not the bare tier name: Service links would then define e.g. WORKER_PORT (enableServiceLinks is off too).
    expect(TIERS as readonly string[]).not.toContain(service?.metadata.name);
  });

  it('runs the image built from its Dockerfile', () => {
    expect(container.image).toBe(`deltastream/${SERVES[tier].image}`);
    expect(PROCESSES[tier].dockerfile).toBe(`${SERVES[tier].image}/Dockerfile`);
  });
});

describe.each(deployments.map((deployment) => [deployment.metadata.name, deployment] as const))(
  'Deployment %s',
  (_name, deployment) => {
    const container = mainContainer(deployment);

    it('restarts on liveness (…/health) and withholds traffic on readiness (…/ready)', () => {
      // Liveness calls no dependency, so an outage of Redis or PostgreSQL makes pods unready instead of
      // restarting all of them; a startup probe guards the same way.
      const liveness = container.livenessProbe?.httpGet?.path ?? '';
      expect(liveness).toMatch(/\/health$/);
      expect(container.readinessProbe?.httpGet?.path ?? '').toMatch(/\/ready$/);
      if (container.startupProbe) expect(container.startupProbe.httpGet?.path).toBe(liveness);
    });
  },
);

describe('autoscaling and disruption budgets', () => {
  const hpas = ofKind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
  const pdbs = ofKind<IPodDisruptionBudget>('PodDisruptionBudget');

  it.each(['worker', 'realtime', 'market-api'] as const)(
    'scales %s with an autoscaling/v2 HorizontalPodAutoscaler',
    (tier) => {
      const hpa = hpas.find((h) => h.spec?.scaleTargetRef.name === PROCESSES[tier].k8s.name);
      expect(hpa?.apiVersion).toBe('autoscaling/v2');
      expect(hpa?.spec?.scaleTargetRef.kind).toBe('Deployment');
      expect(hpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa?.spec?.maxReplicas).toBeGreaterThan(hpa?.spec?.minReplicas ?? 0);
      // Utilization targets need requests to measure against.
      expect(mainContainer(deploymentOf(tier) as IDeployment).resources?.requests?.cpu).toBeDefined();
    },
  );

  it('targets only Deployments that exist', () => {
    for (const hpa of hpas)
      expect(deployments.map((d) => d.metadata.name)).toContain(hpa.spec?.scaleTargetRef.name);
  });

  it.each(['web', 'market-api', 'worker', 'realtime'] as const)(
    'budgets disruptions of %s without blocking node drains',
    (tier) => {
      const deployment = deploymentOf(tier) as IDeployment;
      const pdb = pdbs.find((p) =>
        selects(p.spec?.selector?.matchLabels, deployment.spec?.template.metadata?.labels),
      );
      expect(pdb).toBeDefined();
      const replicas = Math.max(
        deployment.spec?.replicas ?? 1,
        hpas.find((h) => h.spec?.scaleTargetRef.name === PROCESSES[tier].k8s.name)?.spec?.minReplicas ?? 0,
      );
      if (pdb?.spec?.minAvailable !== undefined) expect(Number(pdb.spec.minAvailable)).toBeLessThan(replicas);
      else expect(Number(pdb?.spec?.maxUnavailable)).toBeGreaterThanOrEqual(1);
    },
  );
});

describe('tier specifics', () => {
  it('gives worker pods a grace period longer than their shutdown timeout and job lock', () => {
    const worker = deploymentOf('worker') as IDeployment;
    const env = resolvedEnv(mainContainer(worker));
    const graceMs = (podSpecOf(worker).terminationGracePeriodSeconds ?? 30) * 1000;
    expect(graceMs).toBeGreaterThan(Number(env.get('SHUTDOWN_TIMEOUT_MS')?.value));
    expect(graceMs).toBeGreaterThan(Number(env.get('WORKER_LOCK_DURATION_MS')?.value));
  });

  it('runs one feed at a time (a second would publish a second market)', () => {
    const feed = deploymentOf('feed') as IDeployment;
    expect(feed.spec?.replicas).toBe(1);
    expect(feed.spec?.strategy?.type).toBe('Recreate');
  });

  it("gives web a writable emptyDir for Next's cache", () => {
    const web = deploymentOf('web') as IDeployment;
    const mount = mainContainer(web).volumeMounts?.find((m) => m.mountPath === '/app/web/.next/cache');
    expect(podSpecOf(web).volumes?.find((v) => v.name === mount?.name)?.emptyDir).toBeDefined();
  });

  it('prepares the database in a Job, and before any worker consumes', () => {
    const [job, ...more] = jobs;
    expect(more).toEqual([]);
    const command = ['node', '/app/scripts/dist/prepare-database.js'];
    expect(job?.metadata.name).toBe(PROCESSES.migrate.k8s.name);
    expect(mainContainer(job as IJob).command).toEqual(command);
    expect(mainContainer(job as IJob).image).toBe('deltastream/worker');
    const init = podSpecOf(deploymentOf('worker') as IDeployment).initContainers ?? [];
    expect(init.map((c) => c.command)).toContainEqual(command);
  });

  it("runs the market API from web's image with the command its build produces", () => {
    const container = mainContainer(deploymentOf('market-api') as IDeployment);
    expect(container.command).toEqual(['node', '--enable-source-maps', 'web/dist/market-api/main.js']);
    expect(mainContainer(deploymentOf('web') as IDeployment).command).toBeUndefined();
  });

  it.each(['web', 'market-api'] as const)(
    'runs %s behind one proxy, with market data closed and the Ingress host as its public URLs',
    (tier) => {
      const env = resolvedEnv(mainContainer(deploymentOf(tier) as IDeployment));
      expect(env.get('TRUSTED_PROXY_HOPS')?.value).toBe('1');
      expect(env.get('PUBLIC_MARKET_DATA')?.value).toBe('false');
      expect(env.get('NODE_ENV')?.value).toBe('production');
      const hosts = new Set(
        ingresses.flatMap((ingress) => ingress.spec?.rules?.map((rule) => rule.host) ?? []),
      );
      expect(hosts.size).toBe(1);
      for (const variable of ['NEXTAUTH_URL', 'REALTIME_PUBLIC_URL']) {
        expect(env.get(variable)?.value).toBe(`https://${[...hosts][0]}`);
      }
    },
  );

  it('shares one AUTH_SECRET, from the Secret, between web, the market API and realtime', () => {
    const web = resolvedEnv(mainContainer(deploymentOf('web') as IDeployment)).get('AUTH_SECRET');
    const realtime = resolvedEnv(mainContainer(deploymentOf('realtime') as IDeployment)).get('AUTH_SECRET');
    const market = resolvedEnv(mainContainer(deploymentOf('market-api') as IDeployment)).get('AUTH_SECRET');
    expect(web?.secret).toBeDefined();
    expect(realtime?.secret).toBe(web?.secret);
    expect(market?.secret).toBe(web?.secret);
    expect(configMap?.data?.AUTH_SECRET).toBeUndefined();
  });
});

describe('k8s/secret.example.yaml', () => {
  it('documents every key the pods read from the Secret', () => {
    const keys = Object.keys(secretExample?.stringData ?? {});
    for (const { workload } of workloads) {
      for (const container of [
        ...(podSpecOf(workload).initContainers ?? []),
        ...podSpecOf(workload).containers,
      ]) {
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (!ref) continue;
          expect(ref.name).toBe(secretExample?.metadata.name);
          expect(keys).toContain(ref.key);
        }
      }
    }
  });

  it('holds placeholders production refuses, under a name that says so', () => {
    expect(basename('k8s/secret.example.yaml')).toMatch(/example/);
    const secret = secretExample?.stringData?.AUTH_SECRET ?? '';
    expect(secret).toMatch(/REPLACE-ME/);
    const parsed = PROCESSES.web.schema.safeParse({ NODE_ENV: 'production', AUTH_SECRET: secret });
    expect(parsed.success).toBe(false);
  });

  it('keeps secrets out of the ConfigMap', () => {
    for (const key of Object.keys(configMap?.data ?? {})) expect(key).not.toMatch(/SECRET|PASSWORD/);
    for (const key of ['DATABASE_URL', 'REDIS_URL']) expect(configMap?.data?.[key]).toBeUndefined();
  });
});

describe('Ingress (ingress-nginx)', () => {
  const routeTo = (path: string) =>
    ingresses.flatMap((ingress) =>
      (ingress.spec?.rules ?? []).flatMap((rule) =>
        (rule.http?.paths ?? []).filter((p) => p.path === path).map((p) => ({ ingress, path: p })),
      ),
    );
  const serviceFor = (tier: (typeof TIERS)[number]) =>
    services.find((s) => selects(s.spec?.selector, deploymentOf(tier)?.spec?.template.metadata?.labels));

  it('routes / to web', () => {
    const [route] = routeTo('/');
    expect(route?.path.pathType).toBe('Prefix');
    expect(route?.path.backend.service?.name).toBe(serviceFor('web')?.metadata.name);
    expect(serviceFor('web')?.spec?.ports?.map((p) => p.name)).toContain(
      route?.path.backend.service?.port?.name,
    );
  });

  it('routes /api/data and /api/analytics to the market API', () => {
    for (const path of ['/api/data', '/api/analytics']) {
      const [route, ...more] = routeTo(path);
      expect(more).toEqual([]);
      expect(route?.path.pathType, path).toBe('Prefix');
      expect(route?.path.backend.service?.name).toBe(serviceFor('market-api')?.metadata.name);
      expect(serviceFor('market-api')?.spec?.ports?.map((p) => p.name)).toContain(
        route?.path.backend.service?.port?.name,
      );
    }
  });

  it('routes /socket.io to realtime with WebSocket timeouts and cookie affinity', () => {
    const [route] = routeTo('/socket.io');
    expect(route?.path.backend.service?.name).toBe(serviceFor('realtime')?.metadata.name);
    const annotations = route?.ingress.metadata?.annotations ?? {};
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(annotations['nginx.ingress.kubernetes.io/session-cookie-name']).toBeTruthy();
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(
      3600,
    );
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(
      3600,
    );
  });

  it('uses the nginx ingress class and TLS for its host', () => {
    for (const ingress of ingresses) {
      expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
      expect(ingress.spec?.ingressClassName).toBe('nginx');
      const hosts = ingress.spec?.rules?.map((rule) => rule.host) ?? [];
      expect(ingress.spec?.tls?.flatMap((tls) => tls.hosts ?? [])).toEqual(hosts);
    }
  });

  it('keeps /api/metrics from the public side', () => {
    const [route] = routeTo('/api/metrics');
    expect(route?.path.pathType).toBe('Exact');
    expect(route?.ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe(
      '127.0.0.1/32',
    );
  });
});
