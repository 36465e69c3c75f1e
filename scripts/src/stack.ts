import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { deleteAmqpNamespace } from '@dm/common/events-amqp';
import { formatLogLine, prefixer } from './log-format.js';
import { RUNTIME_ENV, SERVICES, type ServiceSpec } from './services.js';

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
  /**
   * Called when a service stops on its own after the stack came up; with `restartDead`, also
   * told in how many milliseconds it will be started again.
   */
  onUnexpectedExit?: (service: string, exit: string, restartInMs?: number) => void;
  /** Starts a service that died again, after a backoff that doubles while it keeps dying (npm start). */
  restartDead?: boolean;
  /**
   * How many processes of some services to run (1 when absent), e.g. `{ gateway: 2, catalog: 2 }`.
   * Copy k (from 0) listens on base port + 10·k + offset and is named `catalog-2` for k = 1; it
   * calls copy k of each service it needs when there is one, else the first.
   */
  replicas?: Record<string, number>;
  /**
   * RabbitMQ for the domain events; absent: the HTTP transport, even when this process has
   * AMQP_URL (so test stacks use the broker only when they mean to).
   */
  amqpUrl?: string;
}

/** The first wait before a dead service is started again, doubling up to the last. */
const RESTART_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
/** A service that ran this long before dying starts its backoff from the beginning. */
const HEALTHY_RUN_MS = 60_000;

export interface RunningService {
  spec: ServiceSpec;
  /** the spec's name, or `<name>-<n>` for its n-th copy (see StackOptions.replicas) */
  name: string;
  url: string;
  child: ChildProcess;
  databaseUrl: string;
  /** the environment it was started with: a copy started beside it (the bench) takes it too */
  env: NodeJS.ProcessEnv;
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
      throw new Error(`${service.name} exited with code ${service.child.exitCode} while starting`);
    }
    try {
      const res = await fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${service.name} was not ready after ${timeoutMs / 1000} s`);
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
  const amqpNamespace =
    options.env?.AMQP_NAMESPACE ?? process.env.AMQP_NAMESPACE ?? (prefix ? `dm.${prefix.toLowerCase().replace(/[^a-z0-9]+$/, '')}` : 'dm');
  const copies = (spec: ServiceSpec) => options.replicas?.[spec.name] ?? 1;
  const portOf = (spec: ServiceSpec, copy = 0) => options.basePort + 10 * copy + spec.offset;
  const urlOf = (spec: ServiceSpec, copy = 0) => `http://127.0.0.1:${portOf(spec, copy)}`;
  const nameOf = (spec: ServiceSpec, copy: number) => (copy === 0 ? spec.name : `${spec.name}-${copy + 1}`);
  const instances = SERVICES.flatMap((spec) => Array.from({ length: copies(spec) }, (_, copy) => ({ spec, copy })));
  const width = Math.max(...instances.map((i) => nameOf(i.spec, i.copy).length));
  const color = process.stdout.isTTY === true && !options.logDir;
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });

  // Copy k of a service calls copy k of the others where there is one.
  const serviceUrls = (copy: number): NodeJS.ProcessEnv => {
    const urls: NodeJS.ProcessEnv = {};
    for (const spec of SERVICES) if (spec.urlVar) urls[spec.urlVar] = urlOf(spec, Math.min(copy, copies(spec) - 1));
    return urls;
  };

  let stopping = false;
  const killed = new Set<string>();
  /** Per process: how many restarts in a row, each after a short run. */
  const deaths = new Map<string, number>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  function environment(spec: ServiceSpec, copy: number): NodeJS.ProcessEnv {
    return {
      GLIBC_TUNABLES: RUNTIME_ENV.GLIBC_TUNABLES,
      ...process.env,
      // Ours first: flags the caller passes on come after, and win.
      NODE_OPTIONS: [RUNTIME_ENV.NODE_OPTIONS, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
      ...options.env,
      ...serviceUrls(copy),
      PORT: String(portOf(spec, copy)),
      DATA_DIR: options.dataDir,
      // Links in mail (a password reset) point at the gateway, as the shopper reaches it.
      PUBLIC_URL: options.env?.PUBLIC_URL ?? process.env.PUBLIC_URL ?? `http://localhost:${options.basePort}`,
      // Only the gateway is public: the services behind it answer on loopback alone.
      HOST: spec.urlVar ? '127.0.0.1' : (options.env?.HOST ?? process.env.HOST ?? '0.0.0.0'),
      [`${spec.database.toUpperCase()}_DATABASE_URL`]: databaseUrl(options.serverUrl, `${prefix}${spec.database}`),
      // With REDIS_URL, stacks side by side (tests) share one Redis: each keeps its own keys.
      REDIS_KEY_PREFIX: options.env?.REDIS_KEY_PREFIX ?? process.env.REDIS_KEY_PREFIX ?? `dm:${prefix}`,
      AMQP_URL: options.amqpUrl,
      // With AMQP_URL, likewise one broker: each stack has its own exchange and queues.
      AMQP_NAMESPACE: amqpNamespace,
    };
  }

  function launch(spec: ServiceSpec, index: number, copy = 0): ChildProcess {
    const launchedAt = Date.now();
    const name = nameOf(spec, copy);
    const env = environment(spec, copy);
    const child = spawn(process.execPath, [...TRACING, ...(options.nodeArgs ?? []), path.join(options.root, spec.dir, 'dist', 'main.js')], {
      cwd: path.join(options.root, spec.dir),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const label = prefixer(name, index, width, color);
    let file: WriteStream | undefined;
    if (options.logDir) file = createWriteStream(path.join(options.logDir, `${name}.log`), { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        if (file) file.write(`${line}\n`);
        else process.stdout.write(`${label(formatLogLine(line))}\n`);
      });
    }
    child.once('exit', (code, signal) => {
      file?.end();
      if (stopping || killed.has(name)) return;
      const exit = code === null ? (signal ?? 'killed') : `exit code ${code}`;
      if (!options.restartDead) {
        options.onUnexpectedExit?.(name, exit);
        return;
      }
      const streak = Date.now() - launchedAt > HEALTHY_RUN_MS ? 0 : (deaths.get(name) ?? 0);
      deaths.set(name, streak + 1);
      const delay = RESTART_BACKOFF_MS[Math.min(streak, RESTART_BACKOFF_MS.length - 1)]!;
      options.onUnexpectedExit?.(name, exit, delay);
      const timer = setTimeout(() => {
        pendingRestarts.delete(timer);
        if (stopping || killed.has(name)) return;
        const service = services.find((s) => s.name === name);
        if (service) service.child = launch(spec, index, copy);
      }, delay);
      pendingRestarts.add(timer);
    });
    return child;
  }

  const services: RunningService[] = instances.map(({ spec, copy }, index) => ({
    spec,
    name: nameOf(spec, copy),
    url: urlOf(spec, copy),
    child: launch(spec, index, copy),
    env: environment(spec, copy),
    databaseUrl: databaseUrl(options.serverUrl, `${prefix}${spec.database}`),
  }));
  const copyOf = (service: RunningService) => instances[services.indexOf(service)]!.copy;
  const find = (name: string) => {
    const service = services.find((s) => s.name === name);
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
      service.child = launch(service.spec, services.indexOf(service), copyOf(service));
      killed.delete(name);
      await waitUntilReady(service, 60_000);
    },
    stop() {
      stopping = true;
      for (const timer of pendingRestarts) clearTimeout(timer);
      stopped ??= Promise.all(services.map((s) => stopChild(s.child))).then(async () => {
        // A test stack's own exchange and queues go with it; `npm start`'s ("dm") stay.
        if (options.amqpUrl && amqpNamespace !== 'dm') await deleteAmqpNamespace(options.amqpUrl, amqpNamespace).catch(() => undefined);
      });
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
