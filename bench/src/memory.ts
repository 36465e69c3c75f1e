import { readFileSync } from 'node:fs';
import type { Stack } from '@dm/scripts/stack';

/** A process's resident memory in MiB, from Linux's /proc (undefined elsewhere, or once it exited). */
function residentMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Each service's resident memory now, in MiB, by service name. */
export function serviceMemory(stack: Stack): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const service of stack.services) {
    const mib = residentMiB(service.child.pid);
    if (mib !== undefined) memory[service.spec.dir] = Math.round(mib);
  }
  return memory;
}
