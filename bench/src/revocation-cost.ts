// What the live-session check (common/src/sessions.ts) costs a process per request: the very check
// every service runs, against the bench stack's own auth-service, warm (the revocation list loaded,
// the token's session known), timed over many calls in this process.
import { createServiceClient } from '@dm/common/http-client';
import { serviceTokens } from '@dm/common/jwt';
import { remoteSessions } from '@dm/common/sessions';
import type { Row } from './report.js';
import type { BenchShop } from './shop.js';

const CHECKS = 200_000;

export async function revocationCheckCost(shop: BenchShop, token: string): Promise<Row & { microseconds: number }> {
  const auth = shop.stack.services.find((s) => s.spec.name === 'auth');
  if (!auth) throw new Error('the bench stack has no auth-service');
  const sessions = remoteSessions({ auth: createServiceClient('auth', auth.url), serviceToken: serviceTokens(shop.jwt, 'gateway-web') });
  const claims = shop.jwt.verify(token);
  await sessions.check(claims);
  const started = process.hrtime.bigint();
  for (let i = 0; i < CHECKS; i++) await sessions.check(claims);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const microseconds = (seconds / CHECKS) * 1e6;
  return {
    scenario: 'revocation check, one process (per check)',
    rps: CHECKS / seconds,
    unit: 'checks/s',
    p50: microseconds / 1000,
    p99: Number.NaN,
    errors: 0,
    non2xx: 0,
    microseconds,
  };
}
