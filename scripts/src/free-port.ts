import { readFileSync } from 'node:fs';
import getPort from 'get-port';

/**
 * Where the kernel picks the local ports of outgoing connections (Linux's default: 32768-60999).
 * A stack's port in that range can be taken by any connection to PostgreSQL or Redis between the
 * check below and the service's listen, or while a service restarts on it: CI saw EADDRINUSE so.
 */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

const LOWEST = 10_000;

/** The first of `size` consecutive free ports (the stack takes base, base + 1, …), so two runs on one machine do not collide. */
export async function freePortBlock(size: number): Promise<number> {
  // Below the ephemeral range where there is room for it, as on Linux's default.
  const below = ephemeralLow() - size;
  const [from, span] = below - LOWEST >= 1_000 ? [LOWEST, below - LOWEST] : [20_000, 20_000];
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = from + Math.floor(Math.random() * span);
    // get-port answers the port asked for when it is free, and another one when it is not.
    const ports = await Promise.all(Array.from({ length: size }, (_, i) => getPort({ port: base + i, host: '127.0.0.1' })));
    if (ports.every((port, i) => port === base + i)) return base;
  }
  throw new Error('no block of free ports found');
}
