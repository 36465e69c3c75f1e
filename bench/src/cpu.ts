import { readFileSync } from 'node:fs';

// CPU time from Linux's /proc, counted in clock ticks of 10 ms (USER_HZ is 100 on the Linux builds
// Node supports).

/** CPU seconds the given processes have used so far (user + system); throws off Linux or for a process gone. */
export function processCpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * CPU milliseconds the whole machine has spent busy so far, on all cores together: every process
 * of the stack, its PostgreSQL and the load generator alike (not the time a hypervisor gave to
 * other machines). Nothing else should run meanwhile. Undefined off Linux.
 */
export function machineBusyMs(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) * 10;
  } catch {
    return undefined;
  }
}
