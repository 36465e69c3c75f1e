// What a caller sees while a neighbour restarts (issue 11): a refused connection is waited for,
// a call cut off after it was sent is repeated only when a repeat cannot act twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import getPort from 'get-port';
import { ServiceUnavailableError } from './errors.js';
import { createServiceClient } from './http-client.js';
import { startTestServer } from './testing.js';

/** A neighbour that counts the calls it receives and cuts the first one of each path off, unanswered. */
function cuttingNeighbour() {
  const received = new Map<string, number>();
  const app = express();
  app.use((req, res) => {
    const n = (received.get(req.path) ?? 0) + 1;
    received.set(req.path, n);
    if (n === 1) {
      req.socket.destroy();
      return;
    }
    res.status(req.method === 'GET' ? 200 : 201).json({ n });
  });
  return { app, received };
}

describe('service client, while a neighbour restarts', () => {
  it('waits for a neighbour that restarts: a POST sent while it refuses connections arrives once it listens again, once', async () => {
    const received: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post('/cart/items', (req, res) => {
      received.push(req.body);
      res.status(201).json({ ok: true });
    });
    let server = await startTestServer(app);
    const port = Number(new URL(server.url).port);
    const client = createServiceClient('cart', server.url);
    assert.equal((await client.request('POST', '/cart/items', { body: { n: 1 } })).status, 201);

    await server.close();
    const answer = client.request('POST', '/cart/items', { body: { n: 2 } });
    // The neighbour comes back while the call waits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    server = await startTestServer(app, port);
    try {
      assert.equal((await answer).status, 201);
      assert.deepEqual(received, [{ n: 1 }, { n: 2 }], 'the refused call arrived, once');
    } finally {
      await server.close();
    }
  });

  it('fails at once for a neighbour that never answered, and after the restart window for one that went away', async () => {
    const unavailable = (err: unknown) => err instanceof ServiceUnavailableError && err.detail === 'review unavailable';
    const timed = async (call: Promise<unknown>) => {
      const started = Date.now();
      await assert.rejects(call, unavailable);
      return Date.now() - started;
    };
    const never = createServiceClient('review', `http://127.0.0.1:${await getPort()}`);
    assert.ok((await timed(never.request('GET', '/reviews'))) < 500, 'nothing to wait for: it never served');

    const app = express().get('/reviews', (_req, res) => void res.json([]));
    const server = await startTestServer(app);
    const gone = createServiceClient('review', server.url, 5_000, 1_500);
    await gone.request('GET', '/reviews');
    await server.close();
    assert.ok((await timed(gone.request('GET', '/reviews'))) >= 500, 'the first call waited for a restart');
    assert.ok((await timed(gone.request('GET', '/reviews'))) < 500, 'once the window has passed, calls fail at once');
  });

  it('repeats a call cut off after it was sent only when it is safe, keyed or marked idempotent', async () => {
    const { app, received } = cuttingNeighbour();
    const server = await startTestServer(app);
    try {
      const client = createServiceClient('order', server.url);
      await assert.rejects(client.request('POST', '/orders', { body: {} }), ServiceUnavailableError);
      assert.equal(received.get('/orders'), 1, 'a plain POST is not sent twice: it may have acted');

      const keyed = await client.request('POST', '/payments', { body: {}, headers: { 'idempotency-key': 'k1' } });
      assert.equal(keyed.status, 201);
      assert.equal(received.get('/payments'), 2);

      const marked = await client.request('POST', '/internal/reservations', { body: {}, idempotent: true });
      assert.equal(marked.status, 201);

      const read = await client.request('GET', '/orders/1');
      assert.equal(read.status, 200);
      assert.equal(received.get('/orders/1'), 2);
    } finally {
      await server.close();
    }
  });
});
