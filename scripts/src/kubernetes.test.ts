// No cluster here, so deploy/kubernetes is checked offline: both overlays are rendered with
// `kubectl kustomize`, every object is validated against the Kubernetes API schemas
// (kubernetes-models), and the rules an operator relies on are asserted against the code itself:
// ports, variables and the call graph come from the services' config schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyticsEnv, loadAnalyticsConfig } from '@dm/analytics-service/config';
import { authEnv, loadAuthConfig } from '@dm/auth-service/config';
import { cartEnv, loadCartConfig } from '@dm/cart-service/config';
import { catalogEnv, loadCatalogConfig } from '@dm/catalog-service/config';
import { gatewayEnv, loadGatewayConfig } from '@dm/gateway-web/config';
import { loadNotificationConfig, notificationEnv } from '@dm/notification-service/config';
import { loadOrderConfig, orderEnv } from '@dm/order-service/config';
import { loadPaymentConfig, paymentEnv } from '@dm/payment-service/config';
import { loadReviewConfig, reviewEnv } from '@dm/review-service/config';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parse } from 'yaml';
import { type KubeObject, renderAll, selects, validate } from './kubernetes-manifests.js';
import { ROOT } from './paths.js';
import { RUNTIME_ENV, SERVICES, type ServiceSpec } from './services.js';

const schemas: Record<string, { env: Record<string, unknown>; load: (env: NodeJS.ProcessEnv) => unknown }> = {
  'auth-service': { env: authEnv, load: loadAuthConfig },
  'catalog-service': { env: catalogEnv, load: loadCatalogConfig },
  'cart-service': { env: cartEnv, load: loadCartConfig },
  'order-service': { env: orderEnv, load: loadOrderConfig },
  'payment-service': { env: paymentEnv, load: loadPaymentConfig },
  'notification-service': { env: notificationEnv, load: loadNotificationConfig },
  'review-service': { env: reviewEnv, load: loadReviewConfig },
  'analytics-service': { env: analyticsEnv, load: loadAnalyticsConfig },
  'gateway-web': { env: gatewayEnv, load: loadGatewayConfig },
};

/** Values that only ever come from the Secret, never from a manifest or a ConfigMap. */
const isSecret = (name: string) =>
  ['JWT_SECRET', 'SESSION_SECRET', 'ADMIN_PASSWORD', 'SMTP_URL', 'METRICS_TOKEN', 'AMQP_URL'].includes(name) ||
  name.endsWith('_DATABASE_URL');
/** Stand-ins for the Secret's values when a rendered environment is parsed by the service's own config. */
const PLACEHOLDERS: Record<string, string> = {
  JWT_SECRET: 'placeholder-jwt-secret-0123456789abcdef-0123',
  SESSION_SECRET: 'placeholder-session-secret-0123456789abcdef',
  ADMIN_PASSWORD: 'Placeholder-admin-password-42',
  SMTP_URL: 'smtps://user:password@smtp.example.com:465',
  METRICS_TOKEN: 'placeholder-metrics-token-0123456789',
};

const SECRET_NAME = 'marketplace-secrets';
const port = (spec: ServiceSpec) => 8000 + spec.offset;
const databaseVar = (spec: ServiceSpec) => `${spec.database.toUpperCase()}_DATABASE_URL`;
/** The services `spec` calls: those whose URL its config reads (every one reads AUTH_URL). */
const calls = (spec: ServiceSpec) => SERVICES.filter((o) => o !== spec && o.urlVar && o.urlVar in schemas[spec.dir]!.env);
const callers = (spec: ServiceSpec) => SERVICES.filter((o) => calls(o).includes(spec));

interface EnvEntry {
  value?: string;
  secret?: { name: string; key: string };
  from: string;
}

/** A container's environment as the kubelet builds it: envFrom ConfigMaps first, then env. */
function environment(container: IContainer, objects: KubeObject[]): Map<string, EnvEntry> {
  const env = new Map<string, EnvEntry>();
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef;
    assert.ok(ref, `${container.name}: envFrom takes ConfigMaps only (secrets are named one by one)`);
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.name);
    assert.ok(map, `${container.name}: ConfigMap ${ref.name} is not rendered`);
    for (const [name, value] of Object.entries(map.data ?? {})) env.set(name, { value, from: `ConfigMap ${ref.name}` });
  }
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (ref) env.set(entry.name, { secret: { name: ref.name!, key: ref.key }, from: 'env' });
    else {
      assert.equal(entry.valueFrom, undefined, `${container.name} ${entry.name}: only values and secretKeyRef`);
      env.set(entry.name, { value: entry.value ?? '', from: 'env' });
    }
  }
  return env;
}

/** Asserts that a service's container sets only variables the service reads, valid by its own schema. */
function assertServiceEnvironment(spec: ServiceSpec, env: Map<string, EnvEntry>): void {
  // Node's own variables (RUNTIME_ENV) are read by the runtime, not by the service's config.
  const known = new Set([...Object.keys(schemas[spec.dir]!.env), ...Object.keys(RUNTIME_ENV)]);
  for (const [name, entry] of env) {
    assert.ok(known.has(name), `${spec.dir} does not read ${name} (${entry.from})`);
    if (isSecret(name)) assert.deepEqual(entry.secret, { name: SECRET_NAME, key: name }, `${spec.dir} ${name} comes from the Secret`);
  }
  for (const name of [databaseVar(spec), 'JWT_SECRET']) assert.ok(env.get(name)?.secret, `${spec.dir} reads ${name} from the Secret`);
  assert.equal(env.get('NODE_ENV')?.value, 'production');
  assert.equal(env.get('MIGRATE_ON_BOOT')?.value, 'false', 'the Job migrates, not the pods');
  for (const other of calls(spec))
    assert.equal(env.get(other.urlVar!)?.value, `http://${other.dir}:${port(other)}`, `${spec.dir} ${other.urlVar}`);
  const values = Object.fromEntries(
    [...env].map(([name, e]) => [name, e.value ?? PLACEHOLDERS[name] ?? 'postgres://user:password@db.example.com:5432/db']),
  );
  assert.doesNotThrow(() => schemas[spec.dir]!.load(values), `${spec.dir}'s config accepts the rendered environment`);
}

/** A memory quantity ("512Mi", "1Gi") in MiB. */
function mebibytes(quantity: string): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(quantity);
  assert.ok(m, `memory limit ${quantity} is written in Mi or Gi`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}

/** Runtime hardening the Deployments and the Job share (container settings win over the pod's). */
function assertHardened(name: string, pod: IPodSpec, container: IContainer): void {
  const sc = container.securityContext ?? {};
  assert.equal(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot, true, `${name} runs as non-root`);
  assert.equal(sc.runAsUser ?? pod.securityContext?.runAsUser, 1000, `${name} runs as the image's node user`);
  assert.equal(sc.readOnlyRootFilesystem, true, `${name} has a read-only root filesystem`);
  assert.equal(sc.allowPrivilegeEscalation, false, `${name} cannot escalate`);
  assert.deepEqual(sc.capabilities?.drop, ['ALL'], `${name} drops every capability`);
  assert.equal((sc.seccompProfile ?? pod.securityContext?.seccompProfile)?.type, 'RuntimeDefault', `${name} seccomp`);
  assert.equal(pod.automountServiceAccountToken, false, `${name} has no API token`);
  const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
  assert.ok(tmp && pod.volumes?.find((v) => v.name === tmp.name)?.emptyDir, `${name} has an emptyDir on /tmp`);
  for (const kind of ['cpu', 'memory'] as const) {
    assert.ok(container.resources?.requests?.[kind], `${name} requests ${kind}`);
    assert.ok(container.resources?.limits?.[kind], `${name} limits ${kind}`);
  }
}

function checkOverlay(rendered: Map<string, KubeObject[]>, overlay: 'dev' | 'production', replicas: number): void {
  describe(`overlays/${overlay}`, () => {
    const objects = rendered.get(`overlays/${overlay}`)!;
    const all = (kind: string) => objects.filter((o) => o.kind === kind);
    const one = (kind: string, name: string) => {
      const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
      assert.ok(found, `${kind} ${name} is rendered`);
      return found;
    };
    const deployments = all('Deployment');
    const image = deployments[0]?.spec.template.spec.containers[0].image as string;

    it('holds only objects that are valid against the Kubernetes schemas, all in one namespace', () => {
      for (const object of objects) validate(object);
      const namespace = one('Namespace', all('Namespace')[0]!.metadata.name);
      for (const o of objects.filter((x) => x.kind !== 'Namespace'))
        assert.equal(o.metadata.namespace, namespace.metadata.name, `${o.kind} ${o.metadata.name}`);
      for (const o of objects)
        assert.equal(o.metadata.labels?.['app.kubernetes.io/part-of'], 'digital-marketplace', `${o.kind} ${o.metadata.name}`);
    });

    it('commits no Secret: the manifests only reference marketplace-secrets', () => {
      assert.deepEqual(all('Secret'), []);
      for (const map of all('ConfigMap')) {
        for (const name of Object.keys(map.data ?? {})) assert.ok(!isSecret(name), `ConfigMap ${map.metadata.name} holds ${name}`);
      }
    });

    it('fits every pod’s database pool in PostgreSQL’s default 100 connections, with room for a migration job', () => {
      let connections = 0;
      for (const deployment of deployments) {
        const container = deployment.spec.template.spec.containers[0];
        const poolMax = Number(environment(container, objects).get('DB_POOL_MAX')?.value);
        assert.ok(poolMax > 0, `${deployment.metadata.name} sets DB_POOL_MAX`);
        // The gateway keeps one more connection, for /ready.
        const perPod = poolMax + (deployment.metadata.name === 'gateway-web' ? 1 : 0);
        connections += perPod * deployment.spec.replicas;
      }
      assert.ok(connections <= 90, `${connections} connections at ${replicas} replica(s) each`);
    });

    it('runs one Deployment per service, all from one image', () => {
      assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), SERVICES.map((s) => s.dir).sort());
      if (overlay === 'production') assert.doesNotMatch(image, /:latest$/, 'production pins a release');
      for (const d of deployments) assert.equal(d.spec.template.spec.containers[0].image, image, d.metadata.name);
    });

    for (const spec of SERVICES) {
      describe(spec.dir, () => {
        const deployment = one('Deployment', spec.dir);
        const pod = deployment.spec.template.spec as IPodSpec;
        const podLabels = deployment.spec.template.metadata.labels as Record<string, string>;
        const [container] = pod.containers;

        it(`runs ${replicas} replica(s) of its own main.js, on port ${port(spec)}`, () => {
          assert.equal(deployment.spec.replicas, replicas);
          assert.equal(pod.containers.length, 1);
          assert.deepEqual(container!.args, ['node', '--import', '@dm/common/tracing-register', `/app/${spec.dir}/dist/main.js`]);
          assert.equal(container!.command, undefined, "args, not command: the image's tini stays PID 1");
          assert.deepEqual(container!.ports, [{ name: 'http', containerPort: port(spec) }]);
          assert.ok(selects(deployment.spec.selector, podLabels), 'its selector picks its pods');
        });

        it('has liveness, readiness and startup probes on its health endpoints', () => {
          assert.equal(container!.livenessProbe?.httpGet?.path, '/health');
          assert.equal(container!.readinessProbe?.httpGet?.path, '/ready');
          assert.ok(container!.startupProbe?.httpGet, 'startup probe');
          for (const probe of [container!.livenessProbe, container!.readinessProbe, container!.startupProbe])
            assert.equal(probe?.httpGet?.port, 'http');
        });

        it('is hardened and sized', () => assertHardened(spec.dir, pod, container!));

        it("keeps Node's heap within three quarters of its memory limit, with the image's runtime flags", () => {
          const options = environment(container!, objects).get('NODE_OPTIONS')?.value ?? '';
          assert.ok(options.includes(RUNTIME_ENV.NODE_OPTIONS), `${spec.dir} NODE_OPTIONS (${options}) keeps ${RUNTIME_ENV.NODE_OPTIONS}`);
          const heap = Number(/--max-old-space-size=(\d+)/.exec(options)?.[1]);
          const limit = mebibytes(String(container!.resources?.limits?.memory));
          // Left to itself V8 sizes the heap from the whole limit and fills it with garbage before a
          // full collection (README, Memory), and the kernel kills the pod first.
          assert.ok(heap >= limit / 2 && heap <= (limit * 3) / 4, `${spec.dir}: old space ${heap} MiB against a limit of ${limit} MiB`);
        });

        it('drains before it stops, within the grace period', () => {
          const sleep = container!.lifecycle?.preStop?.exec?.command;
          assert.equal(sleep?.[0], 'sleep', 'preStop sleeps while the endpoints are updated');
          const env = environment(container!, objects);
          const delay = Number(env.get('SHUTDOWN_DELAY_SECONDS')?.value);
          assert.equal(delay, 5);
          // preStop, then the service's own delay, then at most 10 s of draining (common/src/service.ts).
          assert.ok(pod.terminationGracePeriodSeconds! > Number(sleep![1]) + delay + 10, 'grace outlasts preStop + delay + drain');
        });

        it('is scraped by Prometheus on its own port', () => {
          const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
          assert.deepEqual(
            [annotations['prometheus.io/scrape'], annotations['prometheus.io/port'], annotations['prometheus.io/path']],
            ['true', String(port(spec)), '/metrics'],
          );
        });

        it('sets only variables its config schema reads, and the config accepts them', () => {
          const env = environment(container!, objects);
          assert.equal(env.get('PORT')?.value, String(port(spec)));
          assert.equal(env.get('HOST')?.value, '0.0.0.0');
          assertServiceEnvironment(spec, env);
        });

        it('has a Service, a PodDisruptionBudget and an autoscaler that point at its pods', () => {
          const service = one('Service', spec.dir);
          assert.ok(selects({ matchLabels: service.spec.selector }, podLabels), 'the Service selects the pods');
          assert.deepEqual(service.spec.ports, [{ name: 'http', port: port(spec), targetPort: 'http' }]);
          const pdb = one('PodDisruptionBudget', spec.dir);
          assert.ok(selects(pdb.spec.selector, podLabels), 'the PDB selects the pods');
          assert.ok(pdb.spec.maxUnavailable === 1 || pdb.spec.minAvailable === 1);
          const hpa = one('HorizontalPodAutoscaler', spec.dir);
          assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.dir });
          assert.equal(hpa.spec.minReplicas, replicas);
          assert.ok(hpa.spec.maxReplicas > hpa.spec.minReplicas);
          assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
        });

        it(`admits only its callers (${
          callers(spec)
            .map((s) => s.name)
            .join(', ') || 'the ingress controller'
        }) and calls only what its config names`, () => {
          const policies = all('NetworkPolicy').filter((p) => selects(p.spec.podSelector, podLabels));
          assert.ok(
            policies.some((p) => p.spec.policyTypes.includes('Ingress') && !p.spec.ingress),
            'a default deny covers it',
          );
          const admitted = policies.flatMap((p) => p.spec.ingress ?? []);
          for (const rule of admitted) {
            assert.ok(rule.from?.length, `${spec.dir}: no ingress rule is open to everyone`);
            assert.deepEqual(rule.ports, [{ protocol: 'TCP', port: port(spec) }], 'only its own port');
          }
          const peers = admitted.flatMap((r: { from: object[] }) => r.from) as {
            podSelector?: { matchLabels: Record<string, string> };
            namespaceSelector?: { matchLabels: Record<string, string> };
          }[];
          const fromPods = peers.filter((p) => !p.namespaceSelector).map((p) => p.podSelector!.matchLabels['app.kubernetes.io/name']);
          assert.deepEqual(
            fromPods.sort(),
            callers(spec)
              .map((s) => s.dir)
              .sort(),
          );
          const fromNamespaces = peers
            .filter((p) => p.namespaceSelector)
            .map((p) => p.namespaceSelector!.matchLabels['kubernetes.io/metadata.name']);
          assert.deepEqual(fromNamespaces.sort(), spec.dir === 'gateway-web' ? ['ingress-nginx', 'monitoring'] : ['monitoring']);

          const egressToPods = policies
            .flatMap((p) => p.spec.egress ?? [])
            .flatMap((r: { to?: { podSelector?: { matchLabels?: Record<string, string> }; namespaceSelector?: object }[] }) => r.to ?? [])
            .filter((peer) => peer.podSelector && !peer.namespaceSelector)
            .map((peer) => peer.podSelector!.matchLabels?.['app.kubernetes.io/name']);
          assert.deepEqual(
            egressToPods.sort(),
            calls(spec)
              .map((s) => s.dir)
              .sort(),
          );
        });
      });
    }

    it('admits ingress-controller traffic to the gateway only, and routes the Ingress to it', () => {
      for (const policy of all('NetworkPolicy')) {
        const fromController = (policy.spec.ingress ?? []).some(
          (r: { from?: { namespaceSelector?: { matchLabels?: Record<string, string> } }[] }) =>
            r.from?.some((p) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx'),
        );
        if (fromController)
          assert.deepEqual(policy.spec.podSelector, { matchLabels: { 'app.kubernetes.io/name': 'gateway-web' } }, policy.metadata.name);
      }
      const ingresses = all('Ingress');
      assert.equal(ingresses.length, 1);
      const backends = ingresses[0]!.spec.rules.flatMap((r: { http: { paths: { backend: object }[] } }) =>
        r.http.paths.map((p) => p.backend),
      );
      assert.deepEqual(backends, [{ service: { name: 'gateway-web', port: { name: 'http' } } }]);
    });

    it('lets every pod of the shop resolve names and reach PostgreSQL', () => {
      const pods = [...deployments, ...all('Job')].map((o) => o.spec.template.metadata.labels as Record<string, string>);
      for (const labels of pods) {
        const egress = all('NetworkPolicy')
          .filter((p) => selects(p.spec.podSelector, labels))
          .flatMap((p) => p.spec.egress ?? [])
          .flatMap((r: { ports?: { port: number }[] }) => r.ports?.map((x) => x.port) ?? []);
        for (const needed of [53, 5432]) assert.ok(egress.includes(needed), `${labels['app.kubernetes.io/name']} reaches port ${needed}`);
      }
    });

    it('migrates every database in a Job, with the same image and settings, before the rollout', () => {
      const jobs = all('Job');
      assert.equal(jobs.length, 1);
      const job = jobs[0]!;
      const pod = job.spec.template.spec as IPodSpec;
      assert.equal(pod.restartPolicy, 'Never');
      assert.equal(job.metadata.annotations?.['argocd.argoproj.io/hook'], 'PreSync');
      assert.equal(pod.containers.length, SERVICES.length);
      for (const spec of SERVICES) {
        const container = pod.containers.find((c) => c.args?.includes(`/app/${spec.dir}/dist/main.js`));
        assert.ok(container, `the Job migrates ${spec.dir}`);
        assert.deepEqual(container.args, ['node', '--import', '@dm/common/tracing-register', `/app/${spec.dir}/dist/main.js`, '--migrate']);
        assert.equal(container.image, image);
        assertHardened(`${job.metadata.name}/${container.name}`, pod, container);
        assertServiceEnvironment(spec, environment(container, objects));
      }
      // The first step of a deployment renders exactly these objects (the settings and the Job).
      const first = rendered.get(`overlays/${overlay}/migrate`)!;
      for (const object of first)
        assert.deepEqual(object, one(object.kind, object.metadata.name), `${object.kind} ${object.metadata.name} as in migrate/`);
      assert.deepEqual(
        first.map((o) => o.kind).sort(),
        ['ConfigMap', ...Array(SERVICES.length).fill('ConfigMap'), 'Job', 'Namespace'].sort(),
      );
    });
  });
}

// Both overlays and the first step of each (migrate/), rendered side by side to keep the test fast.
const rendered = await renderAll(['overlays/dev', 'overlays/dev/migrate', 'overlays/production', 'overlays/production/migrate']);
if (rendered === null) {
  describe('deploy/kubernetes', () => {
    it('needs kubectl to render the overlays', (t) => {
      const why = 'kubectl is not installed, so the Kubernetes manifests are NOT checked (https://kubernetes.io/docs/tasks/tools/)';
      // On a developer's machine this is said and skipped; in CI an unchecked manifest must fail.
      if (process.env.CI) assert.fail(why);
      t.skip(why);
    });
  });
} else {
  describe('deploy/kubernetes', () => {
    it('validation rejects a broken object (so passing means something)', () => {
      const broken: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'broken' },
        spec: {
          selector: { matchLabels: { app: 'x' } },
          template: {
            metadata: { labels: { app: 'x' } },
            spec: { containers: [{ name: 'app', image: 'x', ports: [{ containerPort: 'http' }] }] },
          },
        },
      };
      assert.throws(() => validate(broken), /containerPort must be integer/);
      assert.throws(() => validate({ ...broken, kind: 'CronTab' }), /no model/);
    });
  });
  checkOverlay(rendered, 'dev', 1);
  checkOverlay(rendered, 'production', 3);
}

/** The metrics the services export (every series labelled `service`), prom-client's defaults among them. */
const METRICS = new Set([
  'http_requests_total',
  'http_request_duration_seconds',
  'db_pool_connections_in_use',
  'db_pool_waiting_requests',
  'db_pool_max',
  'outbox_backlog',
  'outbox_oldest_age_seconds',
  'sweeper_runs_total',
  'orders_placed_total',
  'orders_paid_total',
  'orders_cancelled_total',
  'payments_total',
  'logins_total',
  'process_resident_memory_bytes',
  'process_cpu_seconds_total',
]);
/** PromQL's own words and the label names the queries use: everything else in a query is a metric. */
const PROMQL_WORDS = new Set(
  'sum max min avg count topk by without on ignoring and or unless rate increase histogram_quantile label_replace le service method route status outcome'.split(
    ' ',
  ),
);

/** The metric names a PromQL expression reads (strings, durations and Grafana's $variables left out). */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\$\w+/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const names = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return names
    .filter((n) => !PROMQL_WORDS.has(n))
    .map((n) => n.replace(/_(bucket|sum|count)$/, (suffix) => (METRICS.has(n) ? suffix : '')));
}

describe('deploy/prometheus/alerts.yml and deploy/grafana/dashboard.json', () => {
  const rules = parse(readFileSync(path.join(ROOT, 'deploy', 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: {
      name: string;
      rules: { alert: string; expr: string; for: string; labels: { severity: string }; annotations: Record<string, string> }[];
    }[];
  };
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'deploy', 'grafana', 'dashboard.json'), 'utf8')) as {
    panels: { type: string; title: string; targets?: { expr: string }[] }[];
  };
  const alerts = rules.groups.flatMap((g) => g.rules);

  it('alert on the error rate, p99 latency, outbox age and pool saturation, each with a severity and a summary', () => {
    for (const rule of alerts) {
      assert.match(rule.labels.severity, /^(warning|critical)$/, rule.alert);
      assert.ok(rule.annotations.summary && rule.annotations.description, rule.alert);
      assert.match(rule.for, /^\d+m$/, rule.alert);
    }
    const reads = (metric: string) => alerts.some((r) => r.expr.includes(metric));
    assert.ok(reads('status=~"5.."'), 'error rate');
    assert.ok(reads('histogram_quantile(0.99'), 'p99 latency');
    assert.ok(reads('outbox_oldest_age_seconds'), 'outbox age');
    assert.ok(reads('db_pool_connections_in_use') && reads('db_pool_max'), 'pool saturation');
  });

  it('query only the metrics the services export', () => {
    const exprs = [...alerts.map((r) => r.expr), ...dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr)];
    assert.ok(exprs.length > 20);
    for (const expr of exprs) for (const name of metricsIn(expr)) assert.ok(METRICS.has(name), `unknown metric ${name} in ${expr}`);
    assert.deepEqual(metricsIn('sum by (service) (rate(http_request_duration_seconds_bucket{service=~"$service"}[5m]))'), [
      'http_request_duration_seconds',
    ]);
    assert.deepEqual(metricsIn('rate(http_requests_totl[5m])'), ['http_requests_totl'], 'a misspelt metric is caught');
  });
});
