// `npm test`: typecheck (the build scripts/run.mjs just did), unit and integration tests against a
// real PostgreSQL, then Playwright against the whole stack in a real Chromium.
//   --no-e2e      only the unit and integration tests
//   --e2e-only    only the end-to-end tests
//   a path filter (e.g. `npm test -- catalog`) runs the matching test files only; with
//                 --e2e-only it picks Playwright spec files (e.g. `npm test -- --e2e-only layout`)
import { rmSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase } from '@dm/common/db';
import exitHook from 'async-exit-hook';
import { CHROMIUM_HELP, findChromium } from './chromium.js';
import { ROOT } from './paths.js';
import { SERVICES } from './services.js';
import { type Stack, startStack } from './stack.js';
import { compiledFiles, run, startTestPostgres, type TestPostgres } from './test-kit.js';

const args = process.argv.slice(2);
const runUnit = !args.includes('--e2e-only');
const runE2e = !args.includes('--no-e2e');
const filters = args.filter((a) => !a.startsWith('--'));

const chromium = runE2e ? findChromium() : undefined;
if (runE2e && !chromium) {
  console.error(CHROMIUM_HELP);
  process.exit(1);
}

let postgres: TestPostgres | undefined;
let stack: Stack | undefined;
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await stack?.stop();
    await postgres?.stop();
  })());
exitHook((done) => {
  cleanup().finally(done);
});

postgres = await startTestPostgres({
  beforeStop: async () => {
    await stack?.stop();
  },
});
const serverUrl = postgres.url;

// Each test gets 30 s: the slowest takes a few seconds on this 2-core machine, and must stay under
// half of its timeout with another `npm test` beside it. Node 20 applies --test-timeout to a whole
// file (nodejs/node#57656), so the flag bounds a hung file, and the slowest-tests reporter holds
// each test to its own limit (a test over it fails the run) and names the slowest.
const TEST_TIMEOUT_MS = 30_000;
const FILE_TIMEOUT_MS = 180_000;

let failed = false;
if (runUnit) {
  const files = compiledFiles('.test.js', filters);
  console.log(`\n▶ unit and integration tests (${files.length} files)\n`);
  const reporters = [
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(ROOT, 'scripts', 'dist', 'slowest-tests.js')}`,
    '--test-reporter-destination=stdout',
  ];
  const code = await run(
    process.execPath,
    ['--test', ...reporters, '--test-concurrency=2', `--test-timeout=${FILE_TIMEOUT_MS}`, ...files],
    {
      TEST_DATABASE_URL: serverUrl,
      NODE_ENV: 'test',
      TEST_TIMEOUT_MS: String(TEST_TIMEOUT_MS),
      // Many tests stop a neighbour for good and check the 503: callers give up on it after 2 s,
      // not 15. The restart tests give their stacks the full window.
      SERVICE_RESTART_WINDOW_SECONDS: '2',
    },
  );
  failed ||= code !== 0;
}

if (runE2e && !failed) {
  const basePort = Number(process.env.E2E_PORT ?? 8100);
  const prefix = 'e2e_';
  // A given server may hold the databases of an earlier run: start from nothing.
  for (const spec of SERVICES) await dropDatabase(new URL(`/${prefix}${spec.database}`, serverUrl).toString());
  const logDir = path.join(ROOT, 'test-results', 'service-logs');
  rmSync(logDir, { recursive: true, force: true });
  // DATA_DIR of the e2e stack: the development mailbox the reset spec reads through /dev/mail.
  const e2eData = path.join(ROOT, 'test-results', 'e2e-data');
  rmSync(e2eData, { recursive: true, force: true });
  console.log(`\n▶ end-to-end tests (Chromium at ${chromium}; service logs in ${path.relative(ROOT, logDir)})\n`);
  stack = await startStack({
    root: ROOT,
    serverUrl,
    basePort,
    databasePrefix: prefix,
    logDir,
    dataDir: e2eData,
    // With AMQP_URL (CI sets it) the journeys' events go through RabbitMQ.
    amqpUrl: process.env.AMQP_URL || undefined,
    env: {
      NODE_ENV: 'test',
      PUBLIC_URL: `http://127.0.0.1:${basePort}`,
      SEED_DEMO_CATALOG: 'true',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      // 6 s: the token-refresh spec outlives an access token, and every longer journey refreshes on the way.
      ACCESS_TOKEN_TTL_MINUTES: '0.1',
    },
  });
  const code = await run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '-c',
      path.join(ROOT, 'e2e', 'dist', 'playwright.config.js'),
      ...(runUnit ? [] : filters),
    ],
    { BASE_URL: stack.gatewayUrl, CHROMIUM_PATH: chromium },
  );
  failed ||= code !== 0;
}

await cleanup();
console.log(failed ? '\n✗ tests failed' : '\n✓ all tests passed');
process.exit(failed ? 1 : 0);
