// What Prometheus reads of catalog-service: the text format, the service label, requests by route
// pattern, the pool and the outbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { metricValue, scrapeMetric } from '@dm/common/testing';
import { sql } from 'kysely';
import { addProduct, type Harness, startCatalog } from './test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_metrics');
});

after(async () => {
  await h.close();
});

describe('GET /metrics', () => {
  it('answers the Prometheus text format, every series labelled with the service', async () => {
    const res = await fetch(`${h.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const samples = text.split('\n').filter((line) => line && !line.startsWith('#'));
    assert.ok(samples.length > 20, 'the process metrics are there too');
    for (const line of samples) assert.match(line, /service="catalog-service"/, line);
    assert.ok(metricValue(text, 'process_resident_memory_bytes') > 0);
  });

  it('reports the pool: its size, connections in use and queries waiting', async () => {
    const labels = { pool: 'main', service: 'catalog-service' };
    assert.equal(await scrapeMetric(h.url, 'db_pool_max', labels), 5, 'the test database pool has 5 connections');
    const text = await (await fetch(`${h.url}/metrics`)).text();
    assert.match(text, /^db_pool_connections_in_use\{pool="main",service="catalog-service"\} \d+$/m);
    assert.match(text, /^db_pool_waiting_requests\{pool="main",service="catalog-service"\} 0$/m);
  });

  it('counts a product page under its route pattern, never its id; an unknown path as unmatched; /metrics not at all', async () => {
    const product = await addProduct(h.db, { name: 'Metered Lamp' });
    const route = { method: 'GET', route: '/products/:idOrSlug', status: '200' };
    const unmatched = { route: 'unmatched', status: '404' };
    const before = await (await fetch(`${h.url}/metrics`)).text();

    assert.equal((await h.api('GET', `/products/${product.id}`)).status, 200);
    assert.equal((await h.api('GET', `/products/${product.slug}`)).status, 200);
    assert.equal((await h.api('GET', `/no-such-page/${product.id}`)).status, 404);

    const text = await (await fetch(`${h.url}/metrics`)).text();
    assert.equal(metricValue(text, 'http_requests_total', route) - metricValue(before, 'http_requests_total', route), 2);
    assert.equal(
      metricValue(text, 'http_request_duration_seconds_count', route) - metricValue(before, 'http_request_duration_seconds_count', route),
      2,
    );
    assert.equal(metricValue(text, 'http_requests_total', unmatched) - metricValue(before, 'http_requests_total', unmatched), 1);
    assert.ok(!text.includes(product.id) && !text.includes(product.slug), 'no id or slug in any label');
    assert.ok(!text.includes('/metrics'), 'the scrapes themselves are not counted');
  });

  it('reports the outbox backlog and the age of its oldest message while the loop runs', async () => {
    // Due in an hour, so the loop leaves it alone while we look.
    await sql`INSERT INTO outbox (topic, payload, created_at, next_attempt_at)
      VALUES ('test.waiting', '{}', now() - interval '90 seconds', now() + interval '1 hour')`.execute(h.db);
    h.outbox.start();
    const text = await (await fetch(`${h.url}/metrics`)).text();
    assert.equal(metricValue(text, 'outbox_backlog', { service: 'catalog-service' }), 1);
    const age = metricValue(text, 'outbox_oldest_age_seconds');
    assert.ok(age >= 90 && age < 120, `oldest message age ${age}`);
  });
});
