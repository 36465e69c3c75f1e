#!/usr/bin/env node
// Entry point of `npm start`, `npm test`, `npm run migrate`: plain JavaScript, so it can run before
// anything is installed or built. It installs dependencies when they are missing or stale, builds
// (tsc -b is incremental: under a second when nothing changed), then runs the compiled command.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.DM_STARTED_AT ??= String(Date.now());
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
const commands = {
  start: 'scripts/dist/start.js',
  test: 'scripts/dist/test.js',
  lint: '',
  migrate: 'scripts/dist/migrate.js',
  seed: 'scripts/dist/seed.js',
  'test-scale': 'scripts/dist/test-scale.js',
  bench: 'bench/dist/bench.js',
  'bench-checkout': 'bench/dist/checkout.js',
  'bench-hops': 'bench/dist/hops.js',
  'bench-pages': 'bench/dist/page-latency.js',
};
if (!(command in commands)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(commands).join('|')}> [options]`);
  process.exit(2);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`Node.js 20 or newer is needed (this is ${process.version}).`);
  process.exit(1);
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(installed)) {
  console.log('Installing dependencies (first run)…');
  run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
} else if (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.log('package-lock.json changed: updating dependencies…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

// `npm test` checks style and dead code before it builds: Biome (format and lint, warnings fail too)
// and knip (unused files, exports and dependencies). `npm run lint` runs the same two alone.
if (command === 'test' || command === 'lint') {
  run(process.execPath, [path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'ci', '--error-on-warnings', '.']);
  run(process.execPath, [path.join(root, 'node_modules', 'knip', 'bin', 'knip.js')]);
  if (command === 'lint') process.exit(0);
}

run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);

process.argv = [process.argv[0], command, ...rest];
await import(pathToFileURL(path.join(root, commands[command])).href);
