import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';

export interface Row {
  scenario: string;
  /** requests (or operations) per second */
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** the ceiling this scenario is measured against, and the share of it reached */
  ceiling?: string;
  ratio?: number;
  unit?: string;
  /** share of one core the load generator itself used during the scenario */
  loadCpu?: number;
  /** CPU of the server process being compared, in µs per request (where a row measures one) */
  serverCpuUs?: number;
}

export interface Report {
  date: string;
  machine: { cpus: number; model: string; node: string };
  options: Record<string, unknown>;
  rows: Row[];
  /** each service's resident memory at the end of the run, MiB */
  memory?: Record<string, number>;
}

const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function table(rows: Row[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'load gen CPU', 'of ceiling'];
  const lines = rows.map((r) => [
    r.scenario,
    `${num(r.rps, r.rps < 100 ? 1 : 0)}${r.unit ? ` ${r.unit}` : ''}`,
    num(r.p50, 1),
    num(r.p99, 1),
    String(r.errors),
    String(r.non2xx),
    r.loadCpu === undefined ? '' : `${(r.loadCpu * 100).toFixed(0)}%`,
    r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(r.ratio < 0.01 ? 2 : 0)}% of ${r.ceiling}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

export function newReport(options: Record<string, unknown>, rows: Row[], memory?: Record<string, number>): Report {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    machine: { cpus: cpu.length, model: cpu[0]?.model ?? '', node: process.version },
    options,
    rows,
    memory,
  };
}

export function save(report: Report, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Two runs side by side: req/s and p99 of each scenario, and the change. */
export function compare(fileA: string, fileB: string): string {
  const a = JSON.parse(readFileSync(fileA, 'utf8')) as Report;
  const b = JSON.parse(readFileSync(fileB, 'utf8')) as Report;
  const header = ['scenario', 'req/s A', 'req/s B', 'change', 'p99 A', 'p99 B'];
  const lines = b.rows.map((rb) => {
    const ra = a.rows.find((r) => r.scenario === rb.scenario);
    const change = ra && ra.rps > 0 ? `${rb.rps >= ra.rps ? '+' : ''}${(((rb.rps - ra.rps) / ra.rps) * 100).toFixed(0)}%` : 'new';
    return [rb.scenario, ra ? num(ra.rps, 1) : '-', num(rb.rps, 1), change, ra ? num(ra.p99, 1) : '-', num(rb.p99, 1)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`A: ${fileA} (${a.date})`, `B: ${fileB} (${b.date})`, '', fmt(header), ...lines.map(fmt)].join('\n');
}
