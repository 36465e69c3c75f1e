import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { type HttpError, ServiceUnavailableError } from './errors.js';
import { createServiceClient } from './http-client.js';
import { createLogger } from './logger.js';
import { runWithRequestId } from './request-context.js';
import { listen } from './service.js';
import { startTestServer, type TestServer } from './testing.js';

// A neighbour service, faked for this unit test of the client alone.
let server: TestServer;
before(async () => {
  const app = express();
  app.use(express.json());
  app.get('/echo', (req, res) => {
    res.json({ query: req.query, auth: req.headers.authorization ?? null, requestId: req.headers['x-request-id'] ?? null });
  });
  app.post('/echo', (req, res) => {
    res.status(201).json({ body: req.body });
  });
  app.post('/raw', express.raw({ type: () => true }), (req, res) => {
    res.json({ type: req.headers['content-type'], bytes: (req.body as Buffer).length });
  });
  app.get('/missing', (_req, res) => {
    res.status(404).json({ detail: 'nothing here' });
  });
  app.get('/broken', (_req, res) => {
    res.status(500).json({ detail: 'secret internals' });
  });
  app.get('/slow', (_req, res) => {
    setTimeout(() => res.json({}), 4000).unref();
  });
  server = await startTestServer(app);
});
after(() => server.close());

describe('service client', () => {
  it('sends query, token and the current request id', async () => {
    const client = createServiceClient('echo', server.url);
    const data = await runWithRequestId('req-42', () =>
      client.call<{ query: unknown; auth: string; requestId: string }>('GET', '/echo', {
        query: { a: 1, b: undefined, c: 'x y' },
        token: 't0k',
      }),
    );
    assert.deepEqual(data.query, { a: '1', c: 'x y' });
    assert.equal(data.auth, 'Bearer t0k');
    assert.equal(data.requestId, 'req-42');
  });

  it('sends JSON bodies and hands back the status', async () => {
    const res = await createServiceClient('echo', server.url).request('POST', '/echo', { body: { n: 1 } });
    assert.equal(res.status, 201);
    assert.deepEqual(res.data, { body: { n: 1 } });
  });

  it('sends raw bytes with their own content type', async () => {
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
    const res = await createServiceClient('echo', server.url).call('POST', '/raw', { rawBody: { data, contentType: 'image/png' } });
    assert.deepEqual(res, { type: 'image/png', bytes: 7 });
  });

  it('passes a 4xx on as the same HttpError with call()', async () => {
    await assert.rejects(
      createServiceClient('echo', server.url).call('GET', '/missing'),
      (err: HttpError) => err.status === 404 && err.detail === 'nothing here',
    );
  });

  it('turns a 5xx, a refused connection and a timeout into "<name> unavailable" (503)', async () => {
    const unavailable = (err: unknown) => err instanceof ServiceUnavailableError && err.status === 503 && err.detail === 'echo unavailable';
    await assert.rejects(createServiceClient('echo', server.url).request('GET', '/broken'), unavailable);
    await assert.rejects(createServiceClient('echo', 'http://127.0.0.1:9').request('GET', '/echo'), unavailable);
    // undici checks its timers about twice a second: a 100 ms limit fires within a second or so.
    await assert.rejects(createServiceClient('echo', server.url, 100).request('GET', '/slow'), unavailable);
  });

  it('lets its idle sockets go before a draining neighbour closes them, so no call is written to a socket being cut', async () => {
    const app = express();
    app.get('/echo', (_req, res) => {
      res.json({});
    });
    // The neighbour's delay, and a quarter of it as ours: wider margins than the half a service
    // takes from SHUTDOWN_DELAY_SECONDS, for a busy test machine.
    const neighbour = await listen({
      app,
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('neighbour', 'silent'),
      shutdownDelaySeconds: 2,
    });
    const client = createServiceClient('echo', `http://127.0.0.1:${neighbour.port}`, undefined, undefined, 500);
    await client.call('GET', '/echo');
    const open = () =>
      new Promise<number>((resolve, reject) => neighbour.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    assert.equal(await open(), 1, 'the socket is kept for the next call');

    const started = Date.now();
    let closedBeforeCut = false;
    const stopped = neighbour.shutdown();
    while (!closedBeforeCut && Date.now() - started < 1900) {
      closedBeforeCut = (await open()) === 0;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stopped;
    assert.ok(closedBeforeCut, 'the client closed its idle socket within the delay, before the listener closed');
  });
});
