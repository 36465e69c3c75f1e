// `npm start`: one command from a fresh clone to a running shop (scripts/run.mjs installed and built).
import path from 'node:path';
import { DEMO_VALUES } from '@dm/common/config';
import { DEMO_VENDOR_PASSWORD, DEMO_VENDORS } from '@dm/contracts/demo-vendors';
import exitHook from 'async-exit-hook';
import { ROOT } from './paths.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './postgres.js';
import { type Stack, startStack } from './stack.js';

const started = Number(process.env.DM_STARTED_AT ?? Date.now());
const basePort = Number(process.env.PORT ?? 8000);
const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');

let stack: Stack | undefined;
let postgres: EmbeddedServer | undefined;
let stopping: Promise<void> | undefined;
const stopServices = () => stack?.stop() ?? Promise.resolve();
const shutdown = () => (stopping ??= stopServices().then(() => postgres?.stop()));
exitHook((done) => {
  process.stdout.write('\nStopping the shop…\n');
  shutdown().finally(done);
});

let serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  console.log(`Using the PostgreSQL server of DATABASE_URL (${new URL(serverUrl).host})`);
} else {
  const port = Number(process.env.PG_PORT ?? 55432);
  console.log(`Starting PostgreSQL (embedded) on port ${port}, data in ${path.relative(process.cwd(), dataDir) || '.'}/pg`);
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port, beforeStop: stopServices });
  serverUrl = postgres.url;
}

try {
  stack = await startStack({
    root: ROOT,
    serverUrl,
    basePort,
    dataDir,
    env: { SEED_DEMO_CATALOG: process.env.SEED_DEMO_CATALOG ?? 'true' },
    amqpUrl: process.env.AMQP_URL || undefined,
    restartDead: true,
    onUnexpectedExit: (name, exit, restartInMs) =>
      console.error(`\n${name} stopped (${exit}); starting it again in ${(restartInMs ?? 0) / 1000} s. Ctrl-C stops all.\n`),
  });
} catch (err) {
  console.error(`\nThe shop did not start: ${(err as Error).message}`);
  await shutdown();
  process.exit(1);
}

// With no SMTP_URL, mail (password resets) is kept as files and shown by the gateway.
const mailLine = process.env.SMTP_URL
  ? ''
  : `\n  Mail:   ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}/dev/mail   (kept in ${path.relative(process.cwd(), path.join(dataDir, 'mail'))})`;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const adminEmail = process.env.ADMIN_EMAIL ?? 'admin@example.com';
const adminPassword = process.env.ADMIN_PASSWORD ? '(the ADMIN_PASSWORD you set)' : DEMO_VALUES.ADMIN_PASSWORD;
const nameWidth = Math.max(...stack.services.map((s) => s.spec.dir.length)) + 1;
console.log(`
  Digital Marketplace is ready (${seconds} s)

  Shop:   ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}
  Admin:  ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}/admin   login ${adminEmail} / ${adminPassword}
  Sell:   ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}/vendor/products   login ${DEMO_VENDORS.map((v) => v.email).join(', ')} / ${DEMO_VENDOR_PASSWORD}
  API:    ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}/api/products${mailLine}
${stack.services.map((s) => `          ${s.spec.dir.padEnd(nameWidth)} ${s.url}`).join('\n')}

  Ctrl-C stops everything; data stays in ${postgres ? path.relative(process.cwd(), dataDir) || '.' : 'your server'}.
`);
