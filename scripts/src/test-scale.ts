// `npm run test:scale`: the checks that need a big catalog (the query plans and timings at 100,000
// products, catalog-service/src/scale/*.scale.ts) on a throwaway PostgreSQL. Seeding takes a while,
// so `npm test` leaves them out.
//   SCALE_PRODUCTS=N    how many products to seed (default 100000)
//   a path filter       runs the matching *.scale.js files only
import exitHook from 'async-exit-hook';
import { compiledFiles, run, startTestPostgres } from './test-kit.js';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = compiledFiles('.scale.js', filters);
if (files.length === 0) {
  console.error('no *.scale.js files found: is everything built (npx tsc -b)?');
  process.exit(1);
}

const postgres = await startTestPostgres();
exitHook((done) => {
  void postgres.stop().finally(done);
});

console.log(`\n▶ scale tests (${files.length} files)\n`);
const code = await run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
  TEST_DATABASE_URL: postgres.url,
  NODE_ENV: 'test',
});
await postgres.stop();
console.log(code === 0 ? '\n✓ scale tests passed' : '\n✗ scale tests failed');
process.exit(code === 0 ? 0 : 1);
