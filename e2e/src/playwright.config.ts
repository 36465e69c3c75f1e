// Run through `npm test` (which starts the whole stack and sets BASE_URL and CHROMIUM_PATH), or
// against a running `npm start` with `npx playwright test -c e2e/dist/playwright.config.js`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const results = path.resolve(here, '..', '..', 'test-results');

export default defineConfig({
  testDir: here,
  testMatch: /.*\.(spec|setup)\.js$/,
  outputDir: path.join(results, 'playwright'),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // 30 s per test, a limit for a hung test rather than a budget: each test sets its scene through
  // the API and checks one page or one short journey, so the slowest takes about 10 s on this
  // 2-core machine even with another `npm test` beside it. Half the timeout is the line a test must
  // stay under, so that a machine twice as loaded still cannot make a passing test fail.
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // Playwright names a file that kept one worker busy for more than half a test's timeout (a
  // journey that should be split); slowest-reporter names the slowest tests and their share of it.
  reportSlowTests: { max: 5, threshold: 15_000 },
  reporter: [['list'], [path.join(here, 'slowest-reporter.js')]],
  use: {
    baseURL: process.env.BASE_URL ?? 'http://localhost:8000',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Without these, Chromium keeps reaching for Google's hosts, which this sandbox refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.js$/ },
    { name: 'chromium', testMatch: /.*\.spec\.js$/, dependencies: ['setup'] },
  ],
});
