// Prometheus metrics: the one wrapper of prom-client. A service is one process, so the process has
// one registry, and every series in it carries the label `service` (set when the app mounts it).
import cluster from 'node:cluster';
import type { Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { boolVar, loadConfig } from './config.js';
import { poolOf } from './db.js';

const registry = new Registry();

/** A counter in the service's registry; each known label value starts at 0, so rate() has a start. */
export function counter<L extends string = never>(
  name: string,
  help: string,
  labels: { [K in L]: readonly string[] } = {} as { [K in L]: readonly string[] },
): Counter<L> {
  const labelNames = Object.keys(labels) as L[];
  const metric = new Counter<L>({ name, help, labelNames, registers: [registry] });
  for (const combination of combinations(labels)) metric.inc(combination, 0);
  return metric;
}

/** Every combination of the known label values: {a: [x, y], b: [z]} → [{a: x, b: z}, {a: y, b: z}]. */
function combinations<L extends string>(labels: { [K in L]: readonly string[] }): Partial<Record<L, string>>[] {
  let all: Partial<Record<L, string>>[] = [{}];
  for (const [name, values] of Object.entries(labels) as [L, readonly string[]][]) {
    all = all.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return Object.keys(labels).length === 0 ? [] : all;
}

/** A gauge read when Prometheus scrapes: `collect` sets its value(s) from the thing it watches. */
export function gauge<L extends string = never>(
  name: string,
  help: string,
  labelNames: readonly L[],
  collect: (gauge: Gauge<L>) => void | Promise<void>,
): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      return collect(this);
    },
  });
}

// --- HTTP ---------------------------------------------------------------------------------------

const HTTP_LABELS = ['method', 'route', 'status'] as const;
type HttpLabel = (typeof HTTP_LABELS)[number];
let http: { requests: Counter<HttpLabel>; duration: Histogram<HttpLabel> } | undefined;

function httpMetrics() {
  http ??= {
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: HTTP_LABELS,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route pattern and status',
      labelNames: HTTP_LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
  return http;
}

// Where the matched route's router is mounted (`/api`), as it was when the route matched: an error
// that leaves that router for the app's handler takes req.baseUrl back to the app's ''.
const MOUNT = Symbol('route mount');
const ROUTE = Symbol('route');
type Remembering = Request & { [MOUNT]?: string; [ROUTE]?: Request['route'] };
const remembering = new WeakSet<object>();

/**
 * Makes `req.route`, which the router sets on a match, also note req.baseUrl at that moment. Done
 * once per app, on its own request prototype (Express gives each app one), not per request.
 */
function rememberMounts(req: Request): void {
  const proto = Object.getPrototypeOf(req) as object;
  // Only an app's own prototype (it holds `app`), never one every request shares.
  if (remembering.has(proto) || !Object.hasOwn(proto, 'app')) return;
  remembering.add(proto);
  Object.defineProperty(proto, 'route', {
    configurable: true,
    get(this: Remembering) {
      return this[ROUTE];
    },
    set(this: Remembering, route: Request['route']) {
      this[ROUTE] = route;
      this[MOUNT] = this.baseUrl;
    },
  });
}

/**
 * The route's pattern (`/api/products/:id`), never the URL itself: one series per route, whatever
 * ids, slugs or queries clients send. A request no route took (a 404, a static file) is `unmatched`.
 */
function routeOf(req: Remembering): string {
  const path: unknown = req.route?.path;
  if (path === undefined) return 'unmatched';
  return (req[MOUNT] ?? req.baseUrl) + (Array.isArray(path) ? path.join('|') : String(path));
}

/** The status sent; a client that went away before its answer was sent is nginx's 499. */
const statusOf = (res: Response) => (res.writableFinished ? String(res.statusCode) : '499');

function observe(req: Request, res: Response, started: bigint): void {
  const { requests, duration } = httpMetrics();
  const labels = { method: req.method, route: routeOf(req), status: statusOf(res) };
  requests.inc(labels);
  duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
}

// --- database pools -------------------------------------------------------------------------------

/** What the pool gauges read of a pg Pool. */
interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number };
}

const pools = new Map<string, PoolCounts>();

function poolGauge(name: string, help: string, read: (pool: PoolCounts) => number): void {
  gauge(name, help, ['pool'], (g) => {
    for (const [pool, counts] of pools) g.set({ pool }, read(counts));
  });
}

/**
 * Reports a pg pool as `pool="<name>"` (a service's own is `main`; the gateway's sessions have
 * theirs). Read on each scrape: three numbers the pool keeps anyway, no query.
 */
export function watchPool(name: string, pool: PoolCounts): void {
  if (pools.size === 0) {
    poolGauge('db_pool_connections_in_use', 'Connections checked out of the pool', (p) => p.totalCount - p.idleCount);
    poolGauge('db_pool_waiting_requests', 'Queries waiting for a free connection', (p) => p.waitingCount);
    poolGauge('db_pool_max', 'The most connections the pool opens', (p) => p.options.max ?? 10);
  }
  pools.set(name, pool);
}

// --- background loops -----------------------------------------------------------------------------

let sweeps: Counter<'sweeper' | 'outcome'> | undefined;

/** One round of a sweeper (a loop that tidies up on a timer), as `ok` or `failed`. */
export function countSweep(sweeper: string, outcome: 'ok' | 'failed'): void {
  sweeps ??= new Counter({
    name: 'sweeper_runs_total',
    help: 'Rounds of a background sweeper, by sweeper and outcome',
    labelNames: ['sweeper', 'outcome'],
    registers: [registry],
  });
  sweeps.inc({ sweeper, outcome });
}

// --- a cluster of workers (the gateway's WEB_CONCURRENCY) -------------------------------------------

// Each worker counts its own requests, and a scrape reaches one worker at random: alone, it would
// show that worker's counts, jumping from one scrape to the next. So a worker hands the scrape to
// the primary, which gathers every worker's registry (prom-client's AggregatorRegistry: counters
// and histograms summed, pools and memory summed) and answers the whole.
const SCRAPE = 'dm:metrics:scrape';
const SCRAPED = 'dm:metrics:scraped';
// Set by the primary for the workers it forks: their scrapes go through it.
const AGGREGATED_ENV = 'DM_METRICS_FROM_PRIMARY';

interface ScrapeMessage {
  type: typeof SCRAPE | typeof SCRAPED;
  id: number;
  text?: string;
  error?: string;
}

/**
 * In a cluster's primary, before it forks: answers its workers' scrapes with the metrics of all of
 * them. (Without it, each worker answers its own.)
 */
export function aggregateWorkerMetrics(): void {
  process.env[AGGREGATED_ENV] = 'true';
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: ScrapeMessage) => {
    if (message?.type !== SCRAPE) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: SCRAPED, id: message.id, text }),
      (err: unknown) => worker.send({ type: SCRAPED, id: message.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

let scrapes = 0;
const pendingScrapes = new Map<number, (message: ScrapeMessage) => void>();

/** This worker's answer to a scrape: the whole cluster's, through the primary. */
function scrapeCluster(): Promise<string> {
  const id = ++scrapes;
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      pendingScrapes.delete(id);
      reject(new Error('the primary did not answer a metrics scrape'));
    }, 10_000);
    pendingScrapes.set(id, (message) => {
      clearTimeout(timeout);
      pendingScrapes.delete(id);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    });
    process.send?.({ type: SCRAPE, id } satisfies ScrapeMessage);
  });
}

function joinCluster(): () => Promise<string> {
  if (!cluster.isWorker || process.env[AGGREGATED_ENV] !== 'true') return () => registry.metrics();
  // The primary's AggregatorRegistry asks each worker for its registry: this one answers with ours.
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
  process.on('message', (message: ScrapeMessage) => {
    if (message?.type === SCRAPED) pendingScrapes.get(message.id)?.(message);
  });
  return scrapeCluster;
}

// --- mounting -------------------------------------------------------------------------------------

export interface MetricsOptions {
  /** The value of the `service` label of every series. */
  service: string;
  /** The service's database: its pool is reported as `pool="main"`. */
  // biome-ignore lint/suspicious/noExplicitAny: any service's database will do
  db?: Kysely<any>;
  /**
   * Who may read `GET /metrics`; anyone else is passed on, as for any path the app lacks (a 404
   * that does not say the page exists). Internal services answer everyone: they are not public.
   */
  allow?: (req: Request) => boolean;
}

let defaultsCollected = false;
let scrape: (() => Promise<string>) | undefined;

/**
 * The first middleware of an app: times and counts every request but `/metrics`, and answers
 * `GET /metrics` in Prometheus's text format. `METRICS_ENABLED=false` leaves both out (a benchmark's
 * baseline).
 */
export function metrics({ service, db, allow }: MetricsOptions): RequestHandler {
  if (!loadConfig({ METRICS_ENABLED: boolVar(true) }).METRICS_ENABLED) return (_req, _res, next) => next();
  registry.setDefaultLabels({ service });
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: registry });
    defaultsCollected = true;
  }
  scrape ??= joinCluster();
  const answer = scrape;
  httpMetrics();
  const pool = db && poolOf(db);
  if (pool) watchPool('main', pool);
  return (req, res, next) => {
    if (req.path === '/metrics') {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || (allow && !allow(req))) return next();
      answer().then(
        (text) => res.type(registry.contentType).send(text),
        (err: unknown) => next(err),
      );
      return;
    }
    const started = process.hrtime.bigint();
    rememberMounts(req);
    res.once('close', () => observe(req, res, started));
    next();
  };
}
