// The request metrics of createBaseApp, seen as Prometheus sees them: route patterns with their
// mount, errors under their route, and the switch that leaves it all out.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Router } from 'express';
import { HttpError } from './errors.js';
import { createJwt } from './jwt.js';
import { createBaseApp, finishApp } from './service.js';
import { metricValue, silentLogger, startTestServer, type TestServer } from './testing.js';

const jwt = createJwt('metrics-test-secret-at-least-32-characters');
const servers: TestServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function start(): Promise<TestServer> {
  const app = createBaseApp({ service: 'metered-service', logger: silentLogger, jwt });
  const api = Router();
  api.get('/items/:id', (req, res) => {
    if (req.params.id === 'broken') throw new HttpError(409, 'this one is broken');
    res.json({ id: req.params.id });
  });
  app.use('/api', api);
  const server = await startTestServer(finishApp(app, silentLogger));
  servers.push(server);
  return server;
}

describe('request metrics', () => {
  it('name a route mounted under a prefix by its whole pattern, and an error answer by its route too', async () => {
    const server = await start();
    for (const id of ['a1', 'b2', 'broken']) await fetch(`${server.url}/api/items/${id}`);
    await fetch(`${server.url}/health`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const labels = { service: 'metered-service', method: 'GET', route: '/api/items/:id' };
    assert.equal(metricValue(text, 'http_requests_total', { ...labels, status: '200' }), 2);
    assert.equal(metricValue(text, 'http_requests_total', { ...labels, status: '409' }), 1);
    assert.equal(metricValue(text, 'http_request_duration_seconds_bucket', { ...labels, status: '200', le: '+Inf' }), 2);
    assert.equal(metricValue(text, 'http_requests_total', { route: '/health', status: '200' }), 1, 'probes are counted');
  });

  it('are left out with METRICS_ENABLED=false: no /metrics (a 404), nothing timed', async () => {
    process.env.METRICS_ENABLED = 'false';
    let server: TestServer;
    try {
      server = await start();
    } finally {
      delete process.env.METRICS_ENABLED;
    }
    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { detail: 'not found' });
  });
});
