import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatLogLine, prefixer } from './log-format.js';
import { SERVICES, type ServiceSpec } from './services.js';

export interface StackOptions {
  /** repository root */
  root: string;
  /** PostgreSQL server URL; each service gets its own database on it */
  serverUrl: string;
  /** the gateway's port; the services take the next ones */
  basePort: number;
  /** prepended to every database name (the e2e run uses its own set) */
  databasePrefix?: string;
  /** DATA_DIR of every service: the development mailbox is its mail/ folder */
  dataDir: string;
  /** extra environment for every service */
  env?: NodeJS.ProcessEnv;
  /** print service logs to the console (prefixed), or write them to files in this folder */
  logDir?: string;
  /** extra arguments for each service's node process, e.g. --cpu-prof */
  nodeArgs?: string[];
  /** called when a service stops on its own after the stack came up */
  onUnexpectedExit?: (service: string, code: number | null) => void;
}

export interface RunningService {
  spec: ServiceSpec;
  url: string;
  child: ChildProcess;
  databaseUrl: string;
}

export interface Stack {
  services: RunningService[];
  gatewayUrl: string;
  databaseUrl(database: string): string;
  /** Kills one service: SIGTERM lets it finish what it is doing, SIGKILL stops it dead. */
  kill(name: string, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts a stopped service again, as it was, and waits until it is ready. */
  restart(name: string): Promise<void>;
  /** Stops every service (SIGTERM, then SIGKILL after 10 s). Safe to call more than once. */
  stop(): Promise<void>;
}

// Traces (OTEL_EXPORTER_OTLP_ENDPOINT) need their SDK loaded before a service's own code; without
// the variable this preload does nothing.
const TRACING = ['--import', '@dm/common/tracing-register'];

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitUntilReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.spec.name} exited with code ${service.child.exitCode} while starting`);
    }
    try {
      const res = await fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${service.spec.name} was not ready after ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill(signal);
  });
}

/** Starts every service as its own process and waits until each answers `/ready`. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const prefix = options.databasePrefix ?? '';
  const urlOf = (spec: ServiceSpec) => `http://127.0.0.1:${options.basePort + spec.offset}`;
  const width = Math.max(...SERVICES.map((s) => s.name.length));
  const color = process.stdout.isTTY === true && !options.logDir;
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });

  const serviceUrls: NodeJS.ProcessEnv = {};
  for (const spec of SERVICES) if (spec.urlVar) serviceUrls[spec.urlVar] = urlOf(spec);

  let stopping = false;
  const killed = new Set<string>();
  function launch(spec: ServiceSpec, index: number): ChildProcess {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      ...serviceUrls,
      PORT: String(options.basePort + spec.offset),
      DATA_DIR: options.dataDir,
      // Links in mail (a password reset) point at the gateway, as the shopper reaches it.
      PUBLIC_URL: options.env?.PUBLIC_URL ?? process.env.PUBLIC_URL ?? `http://localhost:${options.basePort}`,
      // Only the gateway is public: the services behind it answer on loopback alone.
      HOST: spec.urlVar ? '127.0.0.1' : (options.env?.HOST ?? process.env.HOST ?? '0.0.0.0'),
      [`${spec.database.toUpperCase()}_DATABASE_URL`]: databaseUrl(options.serverUrl, `${prefix}${spec.database}`),
    };
    const child = spawn(process.execPath, [...TRACING, ...(options.nodeArgs ?? []), path.join(options.root, spec.dir, 'dist', 'main.js')], {
      cwd: path.join(options.root, spec.dir),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const label = prefixer(spec.name, index, width, color);
    let file: WriteStream | undefined;
    if (options.logDir) file = createWriteStream(path.join(options.logDir, `${spec.name}.log`), { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        if (file) file.write(`${line}\n`);
        else process.stdout.write(`${label(formatLogLine(line))}\n`);
      });
    }
    child.once('exit', (code) => {
      file?.end();
      if (!stopping && !killed.has(spec.name)) options.onUnexpectedExit?.(spec.name, code);
    });
    return child;
  }

  const services: RunningService[] = SERVICES.map((spec, index) => ({
    spec,
    url: urlOf(spec),
    child: launch(spec, index),
    databaseUrl: databaseUrl(options.serverUrl, `${prefix}${spec.database}`),
  }));
  const find = (name: string) => {
    const service = services.find((s) => s.spec.name === name);
    if (!service) throw new Error(`no service named ${name}`);
    return service;
  };

  let stopped: Promise<void> | undefined;
  const stack: Stack = {
    services,
    gatewayUrl: urlOf(SERVICES.find((s) => s.name === 'gateway')!),
    databaseUrl: (database) => databaseUrl(options.serverUrl, `${prefix}${database}`),
    async kill(name, signal = 'SIGKILL') {
      const service = find(name);
      killed.add(name);
      await stopChild(service.child, signal);
    },
    async restart(name) {
      const service = find(name);
      service.child = launch(service.spec, services.indexOf(service));
      killed.delete(name);
      await waitUntilReady(service, 60_000);
    },
    stop() {
      stopping = true;
      stopped ??= Promise.all(services.map((s) => stopChild(s.child))).then(() => undefined);
      return stopped;
    },
  };

  try {
    await Promise.all(services.map((s) => waitUntilReady(s, 60_000)));
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}
