// A node:test reporter used beside `spec`: after the run it prints the slowest tests and their
// share of the per-test timeout, and fails the run if any test went over it. On Node 20 the
// `--test-timeout` flag bounds a whole file rather than each test (nodejs/node#57656, fixed in
// Node 24), so this is where the per-test limit is held on every version.
import path from 'node:path';
import type { TestEvent } from 'node:test/reporters';

const SHOWN = 5;

interface Timing {
  title: string;
  ms: number;
}

/** The per-test timeout `npm test` runs with, in milliseconds (TEST_TIMEOUT_MS). */
export function perTestTimeout(): number {
  const ms = Number(process.env.TEST_TIMEOUT_MS);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error('TEST_TIMEOUT_MS must be set to the per-test timeout in milliseconds');
  return ms;
}

const seconds = (ms: number) => `${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

export default async function* slowestTests(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const timeout = perTestTimeout();
  // Each file's tests start and end in order, so a stack per file names a test's suites.
  const open = new Map<string, string[]>();
  const timings: Timing[] = [];
  for await (const event of source) {
    if (event.type === 'test:start') {
      const stack = open.get(event.data.file ?? '') ?? [];
      stack.length = event.data.nesting;
      stack.push(event.data.name);
      open.set(event.data.file ?? '', stack);
    } else if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.details.type !== 'suite') {
      const file = event.data.file ?? '';
      const suites = (open.get(file) ?? []).slice(0, event.data.nesting);
      const where = file ? path.relative(process.cwd(), file) : '';
      timings.push({ title: [where, ...suites, event.data.name].filter(Boolean).join(' › '), ms: event.data.details.duration_ms });
    }
  }
  if (timings.length === 0) return;
  timings.sort((a, b) => b.ms - a.ms);
  const over = timings.filter((t) => t.ms > timeout);
  const pastHalf = timings.filter((t) => t.ms > timeout / 2 && t.ms <= timeout);
  yield `\nslowest ${Math.min(SHOWN, timings.length)} of ${timings.length} tests (timeout ${seconds(timeout)} each):\n`;
  for (const t of timings.slice(0, SHOWN)) {
    yield `  ${seconds(t.ms).padStart(7)} of ${seconds(timeout)} (${Math.round((t.ms / timeout) * 100)} %)  ${t.title}\n`;
  }
  if (pastHalf.length > 0) yield `⚠ ${pastHalf.length} test(s) took more than half of the timeout: one busier machine from failing\n`;
  if (over.length > 0) {
    yield `✖ ${over.length} test(s) took longer than the ${seconds(timeout)} timeout:\n`;
    for (const t of over) yield `  ${seconds(t.ms)}  ${t.title}\n`;
    process.exitCode = 1;
  }
}
