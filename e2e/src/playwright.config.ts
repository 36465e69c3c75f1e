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
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
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
