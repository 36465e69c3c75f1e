// docker-compose.yml cannot be run here (no Docker engine), so this keeps it honest against the
// code: the same services, ports and variables that `npm start` and the config schemas use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { authEnv } from '@dm/auth-service/config';
import { cartEnv } from '@dm/cart-service/config';
import { catalogEnv } from '@dm/catalog-service/config';
import { gatewayEnv } from '@dm/gateway-web/config';
import { orderEnv } from '@dm/order-service/config';
import { paymentEnv } from '@dm/payment-service/config';
import { reviewEnv } from '@dm/review-service/config';
import { parse } from 'yaml';
import { ROOT } from './paths.js';
import { SERVICES } from './services.js';

interface ComposeService {
  build?: { context?: string; args?: Record<string, string> };
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
const schemas: Record<string, Record<string, unknown>> = {
  'auth-service': authEnv,
  'catalog-service': catalogEnv,
  'cart-service': cartEnv,
  'order-service': orderEnv,
  'payment-service': paymentEnv,
  'review-service': reviewEnv,
  'gateway-web': gatewayEnv,
};

describe('docker-compose.yml', () => {
  it('has one container per service of the stack, plus postgres, and nothing else', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['postgres', ...SERVICES.map((s) => s.dir)].sort());
  });

  for (const spec of SERVICES) {
    describe(spec.dir, () => {
      const service = compose.services[spec.dir]!;
      const env = service.environment ?? {};
      const port = 8000 + spec.offset;

      it('builds the shared Dockerfile for this service', () => {
        assert.equal(service.build?.args?.SERVICE, spec.dir);
      });

      it('sets only variables the service reads', () => {
        const known = Object.keys(schemas[spec.dir]!);
        for (const name of Object.keys(env)) assert.ok(known.includes(name), `${spec.dir} does not read ${name}`);
      });

      it(`listens on ${port} and checks its health there`, () => {
        assert.equal(env.PORT, String(port));
        assert.ok(service.healthcheck?.test.join(' ').includes(`127.0.0.1:${port}/ready`));
      });

      it(`uses its own database "${spec.database}" on the postgres container`, () => {
        const url = env[`${spec.database.toUpperCase()}_DATABASE_URL`];
        assert.ok(url, 'database URL is set');
        assert.match(url, new RegExp(`@postgres:5432/${spec.database}$`));
      });

      it('shares the one JWT secret and waits for a healthy database', () => {
        assert.equal(env.JWT_SECRET, SHARED_JWT_SECRET, `${spec.dir} signs with the shared secret`);
        assert.equal(service.depends_on?.postgres?.condition, 'service_healthy');
      });
    });
  }

  it('points every service at its neighbours by container name and port', () => {
    for (const [name, service] of Object.entries(compose.services).filter(([n]) => n !== 'postgres')) {
      const env = service.environment ?? {};
      for (const spec of SERVICES.filter((s) => s.urlVar && s.urlVar in env)) {
        assert.equal(env[spec.urlVar!], `http://${spec.dir}:${8000 + spec.offset}`, `${name} ${spec.urlVar}`);
      }
    }
    for (const spec of SERVICES.filter((s) => s.urlVar)) {
      assert.equal(compose.services['gateway-web']!.environment![spec.urlVar!], `http://${spec.dir}:${8000 + spec.offset}`);
      assert.ok(spec.urlVar! in gatewayEnv, `the gateway reads ${spec.urlVar}`);
    }
    assert.deepEqual(compose.services['gateway-web']!.ports, ['8000:8000']);
  });

  it('sets every URL of a neighbour that a service reads', () => {
    for (const spec of SERVICES) {
      const env = compose.services[spec.dir]!.environment ?? {};
      for (const other of SERVICES.filter((s) => s.urlVar && s.urlVar in schemas[spec.dir]!)) {
        assert.ok(other.urlVar! in env, `${spec.dir} reads ${other.urlVar} but compose does not set it`);
      }
    }
  });

  it('copies every workspace manifest into the image before installing', () => {
    const workspaces = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    for (const ws of workspaces) assert.ok(dockerfile.includes(`COPY ${ws}/package.json ${ws}/`), ws);
  });
});
