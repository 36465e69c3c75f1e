// What the test commands (`npm test`, `npm run test:scale`) share: the PostgreSQL they run on, the
// compiled test files they pick, and running node on them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { ROOT } from './paths.js';
import { startEmbeddedPostgres } from './postgres.js';
import { SERVICES } from './services.js';

export interface TestPostgres {
  /** a server URL; each test file creates its own databases on it */
  url: string;
  /** Stops the embedded server and removes its files; does nothing to a given server. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * TEST_DATABASE_URL when given, else a throwaway embedded PostgreSQL (durability off, a free port
 * or TEST_PG_PORT) in a scratch folder that `stop` removes.
 */
export async function startTestPostgres(options: { beforeStop?: () => Promise<void> } = {}): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  const scratch = mkdtempSync(path.join(tmpdir(), 'dm-test-'));
  const remove = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(scratch, 'pg'),
      port: process.env.TEST_PG_PORT ? Number(process.env.TEST_PG_PORT) : await getPort(),
      ephemeral: true,
      beforeStop: options.beforeStop,
    });
    let stopping: Promise<void> | undefined;
    return { url: server.url, stop: () => (stopping ??= server.stop().finally(remove)) };
  } catch (err) {
    remove();
    throw err;
  }
}

/**
 * Compiled files ending in `suffix` (".test.js") under every workspace's dist/, sorted; with
 * `filters`, only those whose path holds one of them.
 */
function hasSource(compiled: string): boolean {
  const relative = path.relative(ROOT, compiled).split(path.sep);
  const source = [relative[0]!, 'src', ...relative.slice(2)].join(path.sep).replace(/\.js$/, '.ts');
  return existsSync(path.join(ROOT, source));
}

export function compiledFiles(suffix: string, filters: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      // tsc -b never deletes what it built from a source since moved or removed: such a leftover is no test.
      else if (entry.endsWith(suffix) && hasSource(full)) found.push(full);
    }
  };
  for (const workspace of ['contracts', 'common', 'migrations', ...SERVICES.map((s) => s.dir), 'scripts']) {
    try {
      walk(path.join(ROOT, workspace, 'dist'));
    } catch {
      // a workspace without a build has no tests
    }
  }
  return found.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
}

/** Runs a command from the repository root with the console attached; resolves to its exit code. */
export function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
