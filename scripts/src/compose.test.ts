// docker-compose.yml cannot be run here (no Docker engine), so this keeps it honest against the
// code: the same services, ports and variables that `npm start` and the config schemas use, and
// the image's Dockerfile against the workspaces the services are made of.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyticsEnv } from '@dm/analytics-service/config';
import { authEnv } from '@dm/auth-service/config';
import { cartEnv } from '@dm/cart-service/config';
import { catalogEnv } from '@dm/catalog-service/config';
import { gatewayEnv } from '@dm/gateway-web/config';
import { notificationEnv } from '@dm/notification-service/config';
import { orderEnv } from '@dm/order-service/config';
import { paymentEnv } from '@dm/payment-service/config';
import { reviewEnv } from '@dm/review-service/config';
import { parse } from 'yaml';
import { ROOT } from './paths.js';
import { RUNTIME_ENV, SERVICES } from './services.js';

interface ComposeService {
  image?: string;
  build?: { context?: string; args?: Record<string, string> };
  command?: string[];
  restart?: string;
  profiles?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
/** The one JWT secret every service shares: the .env variable, which compose requires to be set. */
const SHARED_JWT_SECRET = `\${JWT_SECRET:?set JWT_SECRET in .env}`;
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
const initDatabases = readFileSync(path.join(ROOT, 'deploy', 'compose', 'init-databases.sh'), 'utf8');
/** Services that run only when their profile is asked for (`docker compose --profile redis up`). */
const OPTIONAL = { redis: 'redis', rabbitmq: 'rabbitmq' } as const;
const passwordVar = (database: string) => `${database.toUpperCase()}_DB_PASSWORD`;

/** The workspaces the services are made of: theirs and every @dm package they depend on, transitively. */
function runtimeWorkspaces(): string[] {
  const found = new Set<string>();
  const visit = (dir: string) => {
    if (found.has(dir)) return;
    found.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((n) => n.startsWith('@dm/'));
    for (const name of names) visit(name.slice('@dm/'.length));
  };
  for (const spec of SERVICES) visit(spec.dir);
  return [...found];
}
const schemas: Record<string, Record<string, unknown>> = {
  'auth-service': authEnv,
  'catalog-service': catalogEnv,
  'cart-service': cartEnv,
  'order-service': orderEnv,
  'payment-service': paymentEnv,
  'notification-service': notificationEnv,
  'review-service': reviewEnv,
  'analytics-service': analyticsEnv,
  'gateway-web': gatewayEnv,
};

describe('docker-compose.yml', () => {
  it('has one container per service of the stack, plus postgres and the optional backends, and nothing else', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['postgres', ...Object.keys(OPTIONAL), ...SERVICES.map((s) => s.dir)].sort());
  });

  it('starts Redis and RabbitMQ only under their profiles, and the shop without them', () => {
    for (const [name, profile] of Object.entries(OPTIONAL)) assert.deepEqual(compose.services[name]!.profiles, [profile]);
    for (const spec of SERVICES) assert.equal(compose.services[spec.dir]!.profiles, undefined, spec.dir);
  });

  it('restarts every container unless it was stopped', () => {
    for (const [name, service] of Object.entries(compose.services)) assert.equal(service.restart, 'unless-stopped', name);
  });

  it('publishes ports on the loopback interface only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) assert.match(port, /^127\.0\.0\.1:\d+:\d+$/, `${name} publishes ${port}`);
    }
  });

  it("creates one non-superuser role per service, owning only that service's database", () => {
    const postgres = compose.services.postgres!;
    assert.ok(postgres.volumes?.includes('./deploy/compose/init-databases.sh:/docker-entrypoint-initdb.d/init-databases.sh:ro'));
    const created = [...initDatabases.matchAll(/^create (\w+) "\$(\w+)"$/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      created.sort(),
      SERVICES.map((spec) => [spec.database, passwordVar(spec.database)]).sort(),
      'a role and a database per service, the role named like its database',
    );
    for (const spec of SERVICES) {
      const name = passwordVar(spec.database);
      assert.equal(postgres.environment?.[name], `\${${name}:?set ${name} in .env}`, `postgres gets ${name} from .env`);
    }
    const heredoc = "<<'SQL'\n";
    const statements = initDatabases
      .slice(initDatabases.indexOf(heredoc) + heredoc.length, initDatabases.indexOf('\nSQL\n'))
      .split('\n')
      .filter((line) => !line.startsWith('--'));
    assert.deepEqual(statements, [
      `CREATE ROLE :"name" LOGIN PASSWORD :'password';`,
      `CREATE DATABASE :"name" OWNER :"name";`,
      `REVOKE ALL ON DATABASE :"name" FROM PUBLIC;`,
    ]);
  });

  for (const spec of SERVICES) {
    describe(spec.dir, () => {
      const service = compose.services[spec.dir]!;
      const env = service.environment ?? {};
      const port = 8000 + spec.offset;

      it("runs the shop's one image, with this service's entry point", () => {
        assert.equal(service.image, 'digital-marketplace:latest');
        assert.deepEqual(service.build, { context: '.' });
        assert.deepEqual(service.command, ['node', '--import', '@dm/common/tracing-register', `${spec.dir}/dist/main.js`]);
      });

      it('sets only variables the service reads', () => {
        const known = Object.keys(schemas[spec.dir]!);
        for (const name of Object.keys(env)) assert.ok(known.includes(name), `${spec.dir} does not read ${name}`);
      });

      it(`listens on ${port} and checks its health there`, () => {
        assert.equal(env.PORT, String(port));
        assert.ok(service.healthcheck?.test.join(' ').includes(`127.0.0.1:${port}/ready`));
      });

      it(`uses its own database "${spec.database}" on the postgres container, as its own role`, () => {
        const url = env[`${spec.database.toUpperCase()}_DATABASE_URL`];
        assert.equal(url, `postgres://${spec.database}:\${${passwordVar(spec.database)}}@postgres:5432/${spec.database}`);
      });

      it('shares the one JWT secret and waits for a healthy database', () => {
        assert.equal(env.JWT_SECRET, SHARED_JWT_SECRET, `${spec.dir} signs with the shared secret`);
        assert.equal(service.depends_on?.postgres?.condition, 'service_healthy');
      });
    });
  }

  it('points every service at its neighbours by container name and port', () => {
    for (const [name, service] of Object.entries(compose.services).filter(([n]) => SERVICES.some((s) => s.dir === n))) {
      const env = service.environment ?? {};
      for (const spec of SERVICES.filter((s) => s.urlVar && s.urlVar in env)) {
        assert.equal(env[spec.urlVar!], `http://${spec.dir}:${8000 + spec.offset}`, `${name} ${spec.urlVar}`);
      }
    }
    for (const spec of SERVICES.filter((s) => s.urlVar)) {
      assert.equal(compose.services['gateway-web']!.environment![spec.urlVar!], `http://${spec.dir}:${8000 + spec.offset}`);
      assert.ok(spec.urlVar! in gatewayEnv, `the gateway reads ${spec.urlVar}`);
    }
    assert.deepEqual(compose.services['gateway-web']!.ports, ['127.0.0.1:8000:8000']);
    for (const spec of SERVICES.filter((s) => s.dir !== 'gateway-web'))
      assert.equal(compose.services[spec.dir]!.ports, undefined, spec.dir);
  });

  it('sets every URL of a neighbour that a service reads', () => {
    for (const spec of SERVICES) {
      const env = compose.services[spec.dir]!.environment ?? {};
      for (const other of SERVICES.filter((s) => s.urlVar && s.urlVar in schemas[spec.dir]!)) {
        assert.ok(other.urlVar! in env, `${spec.dir} reads ${other.urlVar} but compose does not set it`);
      }
    }
  });

  it('builds the image from the workspaces the services are made of, and no others', () => {
    const runtime = runtimeWorkspaces();
    const all = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    for (const ws of runtime) assert.ok(dockerfile.includes(`COPY ${ws}/package.json ${ws}/`), `the image installs ${ws}`);
    const declared = dockerfile.match(/^ARG WORKSPACES="([^"]+)"$/m)?.[1]?.split(' ');
    assert.deepEqual(declared?.sort(), [...runtime].sort(), 'ARG WORKSPACES lists exactly them');
    for (const ws of all.filter((w) => !runtime.includes(w))) {
      assert.ok(!dockerfile.includes(`${ws}/package.json`), `${ws} is not part of the image`);
      assert.ok(dockerignore.includes(ws), `${ws} is left out of the build context`);
    }
    assert.match(dockerfile, /npm ci --omit=dev/, 'the last stage gets production dependencies only');
  });

  it('runs as the node user under tini, with a health check, and keeps secrets out of the build', () => {
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    assert.match(last, /^USER node$/m);
    assert.match(last, /^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    assert.match(last, /apt-get install -y --no-install-recommends tini/);
    assert.match(last, /^HEALTHCHECK .*\n? *CMD .*process\.env\.PORT.*\/health/m);
    for (const pattern of ['.env', '.env.*', 'node_modules', '.git', '.data'])
      assert.ok(dockerignore.includes(pattern), `.dockerignore has ${pattern}`);
  });

  it('runs Node.js with the memory settings of `npm start`', () => {
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    for (const [name, value] of Object.entries(RUNTIME_ENV)) {
      assert.match(
        last,
        new RegExp(`^(ENV | +)${name}=${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\\\)?$`, 'm'),
        `the image sets ${name}=${value}`,
      );
    }
  });
});
