import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { ConfigError } from './config.js';
import { createDb, dropDatabase, ensureDatabase } from './db.js';
import { createJwt } from './jwt.js';
import { createBaseApp, database, finishApp, migrateService, type ServiceConfig, type ServiceDefinition, startService } from './service.js';
import { testServerUrl } from './testing.js';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const jwt = createJwt(SECRET);

let migrations: string;
const databases: string[] = [];

before(async () => {
  // A service with no tables: the migrator still runs, over an empty folder.
  migrations = await mkdtemp(path.join(tmpdir(), 'dm-service-test-'));
});

after(async () => {
  for (const url of databases) await dropDatabase(url);
});

function config(port = 0, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  const url = new URL(testServerUrl());
  url.pathname = `/test_service_${randomBytes(4).toString('hex')}`;
  databases.push(url.toString());
  return {
    PORT: port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JWT_SECRET: SECRET,
    DB_POOL_MAX: 2,
    MIGRATE_ON_BOOT: true,
    SHUTDOWN_DELAY_SECONDS: 0,
    AUTH_URL: 'http://127.0.0.1:9',
    databaseUrl: url.toString(),
    ...overrides,
  };
}

/** A service that writes down each step of its life in `steps`. */
function recordingService(steps: string[], overrides: Partial<ServiceDefinition<ServiceConfig, object, { greeting: string }>> = {}) {
  let db: Kysely<object> | undefined;
  const worker = (name: string) => ({
    start: () => void steps.push(`start ${name}`),
    stop: async () => void steps.push(`stop ${name}`),
  });
  const definition: ServiceDefinition<ServiceConfig, object, { greeting: string }> = {
    name: 'test-service',
    config: () => config(),
    database: database<object>(migrations),
    seed: async (base) => {
      db = base.db;
      steps.push('seed');
    },
    clients: () => {
      steps.push('clients');
      return { greeting: 'hello' };
    },
    workers: () => {
      steps.push('workers');
      return [worker('outbox'), worker('sweeper')];
    },
    app: ({ logger, greeting, ...base }) => {
      steps.push('app');
      const app = createBaseApp({ service: 'test-service', logger, jwt: base.jwt, db: base.db });
      app.get('/greeting', (_req, res) => {
        res.json({ greeting });
      });
      return finishApp(app, logger);
    },
    ...overrides,
  };
  return { definition, db: () => db! };
}

const bearer = (role: 'user' | 'service') => ({ authorization: `Bearer ${jwt.sign({ sub: 'someone', role }, 60)}` });

describe('startService', () => {
  it('starts in the one order, serves, and shuts down workers last first, then the pool', async () => {
    const steps: string[] = [];
    const { definition, db } = recordingService(steps);
    const running = await startService(definition);
    assert.deepEqual(steps, ['seed', 'clients', 'workers', 'app', 'start outbox', 'start sweeper']);

    const base = `http://127.0.0.1:${running.port}`;
    assert.deepEqual(await (await fetch(`${base}/greeting`)).json(), { greeting: 'hello' });
    assert.equal((running.server.address() as AddressInfo).address, '127.0.0.1', 'it listens on HOST alone');
    assert.equal((await fetch(`${base}/ready`)).status, 200);

    await running.shutdown();
    await running.shutdown(); // a second signal changes nothing
    assert.deepEqual(steps.slice(6), ['stop sweeper', 'stop outbox']);
    await assert.rejects(sql`select 1`.execute(db()), 'the pool is closed');
    await assert.rejects(fetch(`${base}/health`), 'the server no longer listens');
  });

  it('V4.4.3 guards every /internal/* route: a service token of the right scope and nothing else', async () => {
    const running = await startService(
      recordingService([], {
        name: 'catalog-service',
        app: ({ logger, jwt }) => finishApp(createBaseApp({ service: 'catalog-service', logger, jwt }), logger),
      }).definition,
    );
    try {
      const internal = (headers: Record<string, string> = {}) =>
        fetch(`http://127.0.0.1:${running.port}/internal/reservations/x`, { headers }).then(async (r) => ({
          status: r.status,
          body: await r.json(),
        }));
      const service = (caller: string) => ({ authorization: `Bearer ${jwt.signService(caller, 60)}` });
      assert.deepEqual(await internal(), { status: 401, body: { detail: 'service token required' } });
      assert.deepEqual(await internal(bearer('user')), { status: 401, body: { detail: 'token has no session: sign in again' } });
      assert.deepEqual(await internal(service('payment-service')), {
        status: 403,
        body: { detail: 'this service token may not call catalog-service:reservations' },
      });
      assert.deepEqual(await internal(service('order-service')), { status: 404, body: { detail: 'not found' } });
      // A user-audience token that claims the service role is not a service token.
      assert.deepEqual(await internal(bearer('service')), { status: 401, body: { detail: 'invalid or expired token' } });
    } finally {
      await running.shutdown();
    }
  });

  it('leaves no pool or worker behind when a step fails', async () => {
    const steps: string[] = [];
    const { definition, db } = recordingService(steps, {
      app: () => {
        throw new Error('no app today');
      },
    });
    await assert.rejects(startService(definition), /no app today/);
    assert.deepEqual(steps, ['seed', 'clients', 'workers', 'stop sweeper', 'stop outbox']);
    await assert.rejects(sql`select 1`.execute(db()), 'the pool is closed');
  });

  it('fails on a port already taken, and closes its pool', async () => {
    const first = await startService(recordingService([]).definition);
    try {
      const { definition, db } = recordingService([], { config: () => config(first.port) });
      await assert.rejects(startService(definition), { code: 'EADDRINUSE' });
      await assert.rejects(sql`select 1`.execute(db()), 'the pool is closed');
    } finally {
      await first.shutdown();
    }
  });

  it('opens nothing when the configuration is refused', async () => {
    const steps: string[] = [];
    const refused = recordingService(steps, {
      config: () => {
        throw new ConfigError('Invalid configuration:\n  PORT: too big');
      },
    });
    await assert.rejects(startService(refused.definition), ConfigError);
    assert.deepEqual(steps, []);
  });

  it('on shutdown answers /ready 503 and keeps serving for SHUTDOWN_DELAY_SECONDS, then finishes what is in flight', async () => {
    const steps: string[] = [];
    const { definition } = recordingService(steps, {
      config: () => config(0, { SHUTDOWN_DELAY_SECONDS: 0.6 }),
      app: ({ logger, jwt: j, db }) => {
        const app = createBaseApp({ service: 'test-service', logger, jwt: j, db });
        app.get('/slow', (_req, res) => {
          setTimeout(() => res.json({ done: true }), 800);
        });
        return finishApp(app, logger);
      },
    });
    const running = await startService(definition);
    const base = `http://127.0.0.1:${running.port}`;
    const inFlight = fetch(`${base}/slow`).then((r) => r.json());
    const started = Date.now();
    const stopped = running.shutdown();

    const ready = await fetch(`${base}/ready`);
    assert.equal(ready.status, 503, 'the load balancer is told to send no more');
    assert.deepEqual(await ready.json(), { detail: 'shutting down', service: 'test-service' });
    const served = await fetch(`${base}/health`);
    assert.equal(served.status, 200, 'requests that still arrive during the delay are served');
    assert.equal(served.headers.get('connection'), 'close', 'and their connections are not kept for reuse');

    await stopped;
    assert.ok(Date.now() - started >= 600, 'the listener stayed open for the delay');
    assert.deepEqual(await inFlight, { done: true }, 'the request in flight was finished');
    assert.deepEqual(steps.slice(-2), ['stop sweeper', 'stop outbox']);
    await assert.rejects(fetch(`${base}/health`), 'the server no longer listens');
  });

  it('with MIGRATE_ON_BOOT=false neither migrates nor seeds; the migration job (migrateService) does both', async () => {
    const steps: string[] = [];
    const settings = config(0, { MIGRATE_ON_BOOT: false });
    await ensureDatabase(settings.databaseUrl);
    const { definition } = recordingService(steps, { config: () => settings });
    const migrated = async () => {
      const probe = createDb<object>(settings.databaseUrl, { max: 1 });
      try {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kysely_migration'`.execute(
          probe,
        );
        return rows[0]!.n === 1;
      } finally {
        await probe.destroy();
      }
    };

    const running = await startService(definition);
    await running.shutdown();
    assert.ok(!steps.includes('seed'), 'no seed at boot');
    assert.equal(await migrated(), false, 'no migration at boot');

    await migrateService(definition);
    assert.ok(steps.includes('seed'));
    assert.equal(await migrated(), true);
  });
});
