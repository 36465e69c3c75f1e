import type { RevokedSessions, SessionOwner } from '@dm/contracts/auth';
import { HttpError, ServiceUnavailableError } from './errors.js';
import type { ServiceClient } from './http-client.js';
import type { SessionCheck, VerifiedToken } from './jwt.js';

export interface RemoteSessionsOptions {
  auth: ServiceClient;
  serviceToken: () => string;
  /** How old the revocation list may get before a request fetches it again in the background. */
  refreshMs?: number;
  /** How old it may get before a request waits for a fresh one (the bound on revocation). */
  maxStaleMs?: number;
  now?: () => number;
}

// A revoke committed just after a poll's clock reading still lands in the next poll's window.
const OVERLAP_MS = 5_000;
const KNOWN_MAX = 10_000;
const UNKNOWN_TTL_MS = 5_000;
const KNOWN_TTL_MS = 10 * 60_000;

export const refused = (detail: string) => new HttpError(401, detail);

/**
 * The live-session check of every service but auth-service: a token passes when its `sid` is a
 * session auth-service made for its `sub` and the session is not in the revocation list.
 *
 * - The list (sids revoked within the last access-token lifetime, so it stays small) is fetched
 *   from `GET /internal/sessions/revoked?since=` at most every `refreshMs` while requests come, in
 *   the background; a request only waits when it is older than `maxStaleMs`. So a revocation
 *   reaches every process within `maxStaleMs` plus one call, and an idle process asks nothing.
 * - That a sid exists and whose it is never changes, so it is asked once (`GET /internal/sessions/:sid`)
 *   and remembered; an unknown sid is remembered briefly, so a forged one cannot flood auth-service.
 * - When auth-service cannot be asked and the list is too old, tokens get 503: never a stale yes.
 */
export function remoteSessions({
  auth,
  serviceToken,
  refreshMs = 2_000,
  maxStaleMs = 4_000,
  now = Date.now,
}: RemoteSessionsOptions): SessionCheck {
  const revoked = new Map<string, number>();
  let cursor: string | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  const known = new Map<string, { owner: string | null; until: number }>();
  const asking = new Map<string, Promise<string | null>>();

  async function load(): Promise<void> {
    const started = now();
    const res = await auth.request<RevokedSessions>('GET', '/internal/sessions/revoked', {
      query: { since: cursor },
      token: serviceToken(),
    });
    if (res.status !== 200) throw new ServiceUnavailableError('auth');
    const authNow = Date.parse(res.data.now);
    for (const { sid, revoked_at } of res.data.items) revoked.set(sid, Date.parse(revoked_at));
    // Every token of a session revoked longer ago than a token's lifetime has expired.
    const forgetBefore = authNow - res.data.window_seconds * 1000 - OVERLAP_MS;
    for (const [sid, at] of revoked) if (at < forgetBefore) revoked.delete(sid);
    cursor = new Date(authNow - OVERLAP_MS).toISOString();
    loadedAt = started;
  }

  function refresh(): Promise<void> {
    loading ??= load().finally(() => {
      loading = null;
    });
    return loading;
  }

  async function ownerOf(sid: string): Promise<string | null> {
    const hit = known.get(sid);
    if (hit && hit.until > now()) return hit.owner;
    let pending = asking.get(sid);
    if (!pending) {
      pending = auth
        .request<SessionOwner>('GET', `/internal/sessions/${encodeURIComponent(sid)}`, { token: serviceToken() })
        .then((res) => {
          if (res.status !== 200 && res.status !== 404) throw new ServiceUnavailableError('auth');
          const owner = res.status === 200 && !res.data.revoked ? res.data.user_id : null;
          if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value as string);
          known.set(sid, { owner, until: now() + (owner ? KNOWN_TTL_MS : UNKNOWN_TTL_MS) });
          return owner;
        })
        .finally(() => asking.delete(sid));
      asking.set(sid, pending);
    }
    return pending;
  }

  return {
    async check(claims: VerifiedToken) {
      if (!claims.sid) throw refused('token has no session: sign in again');
      const age = now() - loadedAt;
      if (age > maxStaleMs) {
        await refresh().catch(() => {
          throw new ServiceUnavailableError('auth');
        });
      } else if (age > refreshMs) {
        refresh().catch(() => {});
      }
      if (revoked.has(claims.sid)) throw refused('this session has ended: sign in again');
      if ((await ownerOf(claims.sid)) !== claims.sub) throw refused('this session has ended: sign in again');
    },
  };
}
