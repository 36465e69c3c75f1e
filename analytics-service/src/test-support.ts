// Shared by this service's integration tests: the real analytics app on an ephemeral port, with a
// migrated database of its own, and callers holding the service tokens its neighbours would hold.
import { createJwt } from '@dm/common/jwt';
import { createTestDatabase, silentLogger, startTestServer, type TestApi, testApi } from '@dm/common/testing';
import type { EventEnvelope } from '@dm/contracts/events';
import { migrationFolder } from '@dm/migrations/folders';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { Database } from './db.js';
import { analyticsDependencies } from './services.js';

export const jwt = createJwt('analytics-test-secret-at-least-32-characters');

export const asService = (caller: string) => ({ authorization: `Bearer ${jwt.signService(caller, 300)}` });

export interface AnalyticsStack {
  db: Kysely<Database>;
  url: string;
  api: TestApi;
  /** POST /internal/events as a producer would (order-service's token); answers the outcome. */
  post(event: EventEnvelope): Promise<string>;
  /** GET /internal/dashboard as the gateway. */
  dashboard(days?: number): Promise<Awaited<ReturnType<TestApi>>>;
  close(): Promise<void>;
}

export async function startAnalytics(prefix: string): Promise<AnalyticsStack> {
  const test = await createTestDatabase<Database>(`an_${prefix}`, migrationFolder('analytics'));
  const server = await startTestServer(createApp({ ...analyticsDependencies(test.db, silentLogger), jwt }));
  const api = testApi(server.url);
  return {
    db: test.db,
    url: server.url,
    api,
    async post(event) {
      const res = await api('POST', '/internal/events', event, asService('order-service'));
      if (res.status !== 200) throw new Error(`POST /internal/events answered ${res.status}: ${res.text}`);
      return res.body.outcome as string;
    },
    dashboard: (days) => api('GET', `/internal/dashboard${days === undefined ? '' : `?days=${days}`}`, undefined, asService('gateway-web')),
    async close() {
      await server.close();
      await test.drop();
    },
  };
}
