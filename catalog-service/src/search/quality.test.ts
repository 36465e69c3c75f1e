// The search quality set (quality-set.ts) against a real, freshly seeded demo catalog, through the
// HTTP API: precision@3 must stay at 0.9 or above. Prints the figure, per kind, and every miss.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@dm/common/testing';
import { seedDemoCatalog } from '../seed/demo-catalog.js';
import { type Harness, startCatalog } from '../test-support.js';
import { QUALITY_SET } from './quality-set.js';

const THRESHOLD = 0.9;

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_quality');
  await seedDemoCatalog(h.db, silentLogger);
});

after(async () => {
  await h.close();
});

describe('search quality on the demo catalog', () => {
  it(`finds the expected top 3 for at least ${THRESHOLD * 100} % of the set (precision@3)`, async (t) => {
    assert.ok(QUALITY_SET.length >= 60, `${QUALITY_SET.length} queries`);
    const slugs = new Set((await h.db.selectFrom('products').select('slug').execute()).map((r) => r.slug));
    const scores: { kind: string; score: number }[] = [];
    const misses: string[] = [];
    for (const c of QUALITY_SET) {
      for (const slug of c.expect) assert.ok(slugs.has(slug), `"${c.q}" expects ${slug}, which the demo catalog lacks`);
      const res = await h.api('GET', `/products?q=${encodeURIComponent(c.q)}&page_size=3`);
      assert.equal(res.status, 200, c.q);
      const top: string[] = res.body.items.map((p: { slug: string }) => p.slug);
      const wanted = Math.min(3, c.expect.length);
      const score = top.filter((s) => c.expect.includes(s)).length / wanted;
      scores.push({ kind: c.kind, score });
      if (score < 1) misses.push(`  ${c.kind.padEnd(16)} "${c.q}": got [${top.join(', ')}], expected ${c.expect.join(', ')}`);
    }
    const mean = (list: { score: number }[]) => list.reduce((sum, s) => sum + s.score, 0) / list.length;
    const precision = mean(scores);
    const kinds = [...new Set(scores.map((s) => s.kind))].map((k) => `${k} ${mean(scores.filter((s) => s.kind === k)).toFixed(2)}`);
    const report = [
      `precision@3 ${precision.toFixed(3)} over ${QUALITY_SET.length} queries (${kinds.join(', ')})`,
      misses.length ? `misses:\n${misses.join('\n')}` : 'no miss',
    ].join('\n');
    t.diagnostic(report);
    console.log(report);
    assert.ok(precision >= THRESHOLD, report);
  });
});
