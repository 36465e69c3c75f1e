// Prints, after the run, the slowest tests with their share of the timeout: a test near its limit
// is the next flaky failure, so the closing lines of every run show how near the worst one is.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

const SHOWN = 5;

interface Timing {
  title: string;
  ms: number;
  timeout: number;
}

export default class SlowestTests implements Reporter {
  private readonly timings: Timing[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    const title = test.titlePath().filter(Boolean).slice(1).join(' › ');
    this.timings.push({ title, ms: result.duration, timeout: test.timeout });
  }

  onEnd(_result: FullResult): void {
    if (this.timings.length === 0) return;
    const slowest = [...this.timings].sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
    console.log(`\n  slowest ${slowest.length} of ${this.timings.length} Playwright tests:`);
    for (const t of slowest) {
      const share = t.timeout > 0 ? ` (${Math.round((t.ms / t.timeout) * 100)} %)` : '';
      console.log(`    ${(t.ms / 1000).toFixed(1).padStart(5)} s of ${t.timeout / 1000} s${share}  ${t.title}`);
    }
  }
}
