// Who may read the public gateway's /metrics: Prometheus on the private network, or whoever holds
// METRICS_TOKEN. Everyone else gets the shop's ordinary 404, as for any page it lacks.
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Loopback or a private network (IPv4, IPv6, and IPv4 written as IPv6: `::ffff:10.0.0.5`). */
export function isPrivateAddress(address: string | undefined): boolean {
  const family = address ? isIP(address) : 0;
  return family !== 0 && PRIVATE.check(address as string, family === 6 ? 'ipv6' : 'ipv4');
}

// Headers a reverse proxy adds: a request that carries one came through a proxy, from anywhere.
const FORWARDING = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

// Digests have one length whatever was sent, so timingSafeEqual compares in constant time.
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The rule, judged from the TCP peer (`req.socket.remoteAddress`), never from `req.ip`: with
 * TRUST_PROXY set, `req.ip` comes from X-Forwarded-For, which a client can write itself. Behind an
 * ingress the peer is the ingress, whose address is private, so a request that came through a proxy
 * (it carries X-Forwarded-For, Forwarded or X-Real-IP) counts as public whatever its peer. Prometheus
 * scrapes the pod directly; anything else needs `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsAccess(token: string | undefined): (req: Request) => boolean {
  const expected = token ? digest(token) : undefined;
  return (req) => {
    const authorization = req.get('authorization');
    if (expected && authorization?.startsWith('Bearer ')) {
      if (timingSafeEqual(digest(authorization.slice('Bearer '.length)), expected)) return true;
    }
    return isPrivateAddress(req.socket.remoteAddress) && !FORWARDING.some((name) => req.headers[name] !== undefined);
  };
}
