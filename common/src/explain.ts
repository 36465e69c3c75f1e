// Reading PostgreSQL's plans for the scale tests: the very SQL a route runs, explained.
import { CompiledQuery, type Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: any service's database
type Db = Kysely<any>;

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

interface Explained {
  Plan: PlanNode;
  'Execution Time'?: number;
}

async function explain(db: Db, query: CompiledQuery<unknown>, options: string): Promise<Explained> {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': Explained[] }>(
    CompiledQuery.raw(`EXPLAIN (${options}) ${query.sql}`, [...query.parameters]),
  );
  return rows[0]!['QUERY PLAN'][0]!;
}

/** The planner's plan for `query`, not run. */
export async function planOf(db: Db, query: CompiledQuery<unknown>): Promise<PlanNode> {
  return (await explain(db, query, 'FORMAT JSON')).Plan;
}

/** Every node of a plan, depth first. */
export function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** "Index Only Scan on products (products_active_newest_idx)", … : the plan's scans, for a report. */
export function scansOf(plan: PlanNode): string[] {
  return nodesOf(plan)
    .filter((n) => n['Relation Name'] !== undefined)
    .map((n) => `${n['Node Type']} on ${n['Relation Name']}${n['Index Name'] ? ` (${n['Index Name']})` : ''}`);
}

/** The median execution time of `runs` runs of EXPLAIN ANALYZE, in milliseconds (the first run warms up). */
export async function executionMs(db: Db, query: CompiledQuery<unknown>, runs = 5): Promise<number> {
  await explain(db, query, 'ANALYZE, FORMAT JSON');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await explain(db, query, 'ANALYZE, FORMAT JSON'))['Execution Time']!);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
