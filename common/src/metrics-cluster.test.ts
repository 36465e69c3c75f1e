// Under a cluster (the gateway's WEB_CONCURRENCY), a scrape reaching any one worker reads the whole
// cluster's counts. This file is both the test (the primary) and, forked, each of its workers.
import assert from 'node:assert/strict';
import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { aggregateWorkerMetrics, metrics } from './metrics.js';
import { eventually, freePort, metricValue } from './testing.js';

if (cluster.isWorker) {
  const app = express();
  app.use(metrics({ service: 'clustered-service' }));
  app.get('/who/:n', (_req, res) => {
    res.json({ pid: process.pid });
  });
  app.listen(Number(process.env.CLUSTER_TEST_PORT), '127.0.0.1');
} else {
  const { after, before, describe, it } = await import('node:test');
  const workers: Worker[] = [];
  let base: string;

  before(async () => {
    aggregateWorkerMetrics();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), silent: true });
    for (let i = 0; i < 2; i++) {
      const worker = cluster.fork({ CLUSTER_TEST_PORT: String(port) });
      workers.push(worker);
      await once(worker, 'listening');
    }
  });

  after(async () => {
    for (const worker of workers) worker.kill();
    await Promise.all(workers.map((w) => (w.isDead() ? undefined : once(w, 'exit'))));
  });

  describe('metrics under a cluster', () => {
    it('answers every scrape with the sum of all workers, whichever worker takes it', async () => {
      const pids = new Set<number>();
      let made = 0;
      const fetchWho = async () => {
        // A fresh connection each time, so the primary deals requests out to both workers.
        const res = await fetch(`${base}/who/${made++}`, { headers: { connection: 'close' } });
        pids.add(((await res.json()) as { pid: number }).pid);
      };
      for (let n = 0; n < 20; n++) await fetchWho();
      await eventually(async () => {
        if (pids.size < 2) await fetchWho();
        return pids.size === 2;
      }, 'both workers have served');

      const seen: number[] = [];
      for (let i = 0; i < 6; i++) seen.push(await countOf('/who/:n'));
      assert.deepEqual(seen, Array(6).fill(made), 'every scrape, from either worker, reads every request of both');
    });
  });

  async function countOf(route: string): Promise<number> {
    const res = await fetch(`${base}/metrics`, { headers: { connection: 'close' } });
    assert.equal(res.status, 200);
    return metricValue(await res.text(), 'http_requests_total', { route, service: 'clustered-service', status: '200' });
  }
}
