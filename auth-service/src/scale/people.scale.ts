// `npm run test:scale`: the admin's people list at 100,000 accounts. Each query is the one the route
// runs (userListQueries), explained by PostgreSQL; none may read `users` by a sequential scan, but
// the count of everyone, which must read every row anyway (its time is reported).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { executionMs, nodesOf, planOf, scansOf } from '@dm/common/explain';
import { createTestDatabase, type TestDatabase } from '@dm/common/testing';
import { parse } from '@dm/common/validation';
import { AdminUserQuery } from '@dm/contracts/auth';
import { migrationFolder } from '@dm/migrations/folders';
import { type CompiledQuery, sql } from 'kysely';
import type { Database } from '../db.js';
import { userListQueries } from '../users.js';

const USERS = Number(process.env.SCALE_USERS ?? 100_000);
let test: TestDatabase<Database>;
const report: string[] = [];

before(async () => {
  test = await createTestDatabase<Database>('scale_people', migrationFolder('auth'));
  const started = Date.now();
  // One in fifty a vendor, one in a thousand an admin; names from a small pool, as real names repeat.
  await sql`
    INSERT INTO users (email, password_hash, full_name, role, created_at)
    SELECT 'person' || i || '@example.com', 'not-a-hash',
      (ARRAY['Ada','Grace','Linus','Margaret','Alan','Barbara'])[1 + i % 6] || ' ' || (ARRAY['Smith','Jones','Hopper','Lovelace','Turing'])[1 + i % 5] || ' ' || i,
      CASE WHEN i % 1000 = 0 THEN 'admin' WHEN i % 50 = 0 THEN 'vendor' ELSE 'user' END,
      now() - (i || ' seconds')::interval
    FROM generate_series(1, ${USERS}) AS i`.execute(test.db);
  // As autovacuum leaves a live table: the visibility map lets the count read the index alone.
  await sql`VACUUM ANALYZE users`.execute(test.db);
  report.push(`seeded ${USERS.toLocaleString('en')} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  console.log(`\n${report.join('\n')}\n`);
  await test?.drop();
});

describe(`the people list at ${USERS.toLocaleString('en')} users: no sequential scan on users`, () => {
  const cases: [string, Record<string, string>][] = [
    ['newest first, page 1', {}],
    ['newest first, page 100', { page: '100' }],
    ['vendors', { role: 'vendor' }],
    ['search a name part', { q: 'lovelace 12' }],
    ['search an email part', { q: 'person4242@' }],
  ];
  for (const [name, query] of cases) {
    it(name, async (t) => {
      const queries = userListQueries(test.db, parse(AdminUserQuery, query));
      for (const [part, compiled] of [
        ['page', queries.page.compile()],
        ['count', queries.count.compile()],
      ] as [string, CompiledQuery<unknown>][]) {
        const plan = await planOf(test.db, compiled);
        const seq = nodesOf(plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'users');
        const everyone = part === 'count' && Object.keys(query).every((k) => k === 'page');
        if (!everyone) assert.equal(seq.length, 0, `${name} (${part}): a sequential scan on users (${scansOf(plan).join(', ')})`);
        const line = `${`${name} (${part})`.padEnd(36)} ${(await executionMs(test.db, compiled)).toFixed(2).padStart(7)} ms  ${scansOf(plan).join(' · ')}`;
        t.diagnostic(line);
        report.push(line);
      }
    });
  }
});
