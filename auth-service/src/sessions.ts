import { HttpError } from '@dm/common/errors';
import type { Jwt } from '@dm/common/jwt';
import type { DeviceSession, RevokedSessions, TokenPair } from '@dm/contracts/auth';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, UserRow } from './db.js';
import { hashOf, newOpaqueToken } from './opaque-tokens.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the token rules need: lifetimes, and how long a just-rotated refresh token may be resent. */
export interface TokenPolicy {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /**
   * Two tabs refreshing at once both send the same token: the one that loses within this many
   * seconds is refused without revoking the family. Any later reuse is a theft and ends the session.
   */
  reuseGraceSeconds: number;
}

/** Where a sign-in came from, shown on the devices page. */
export interface Device {
  userAgent?: string;
  ip?: string;
}

const refusedRefresh = () => new HttpError(401, 'the refresh token is invalid, spent or expired: sign in again');

function accessToken(jwt: Jwt, user: UserRow, sid: string, ttl: number): string {
  return jwt.sign({ sub: user.id, role: user.role, sid, email: user.email, name: user.full_name }, ttl);
}

async function newRefreshToken(db: Db, sessionId: string, ttlSeconds: number): Promise<string> {
  const token = newOpaqueToken();
  await db
    .insertInto('refresh_tokens')
    .values({ hash: hashOf(token), session_id: sessionId, expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})` })
    .execute();
  return token;
}

/** A new session (one device) for a user who just proved who they are, and its first pair. */
export async function startSession(db: Kysely<Database>, jwt: Jwt, policy: TokenPolicy, user: UserRow, device: Device): Promise<TokenPair> {
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .insertInto('sessions')
      .values({ user_id: user.id, user_agent: device.userAgent?.slice(0, 500) ?? null, ip: device.ip ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      access_token: accessToken(jwt, user, session.id, policy.accessTtlSeconds),
      refresh_token: await newRefreshToken(trx, session.id, policy.refreshTtlSeconds),
      token_type: 'bearer' as const,
      expires_in: policy.accessTtlSeconds,
      refresh_expires_in: policy.refreshTtlSeconds,
    };
  });
}

/**
 * Spends a refresh token for a new pair. A spent token sent again (after the grace) revokes its
 * whole session, since either its owner or a thief holds the newer one.
 */
export async function refresh(db: Kysely<Database>, jwt: Jwt, policy: TokenPolicy, token: string, device: Device): Promise<TokenPair> {
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens as t')
      .innerJoin('sessions as s', 's.id', 't.session_id')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        't.hash',
        't.session_id',
        's.revoked_at',
        'u.is_active',
        sql<boolean>`t.expires_at <= now()`.as('expired'),
        sql<boolean | null>`t.spent_at > now() - make_interval(secs => ${policy.reuseGraceSeconds})`.as('spent_recently'),
        sql<boolean>`t.spent_at IS NOT NULL`.as('spent'),
      ])
      .where('t.hash', '=', hashOf(token))
      .forUpdate('t')
      .executeTakeFirst();
    if (!row || row.revoked_at || !row.is_active || row.expired) return null;
    if (row.spent) {
      if (row.spent_recently) return 'just-rotated' as const;
      await revokeSession(trx, row.session_id);
      return null;
    }
    await trx.updateTable('refresh_tokens').set({ spent_at: sql`now()` }).where('hash', '=', row.hash).execute();
    const session = await trx
      .updateTable('sessions')
      .set({ last_used_at: sql`now()`, ...(device.ip ? { ip: device.ip } : {}) })
      .where('id', '=', row.session_id)
      .returning(['id', 'user_id'])
      .executeTakeFirstOrThrow();
    const user = await trx.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirstOrThrow();
    return {
      access_token: accessToken(jwt, user, session.id, policy.accessTtlSeconds),
      refresh_token: await newRefreshToken(trx, session.id, policy.refreshTtlSeconds),
      token_type: 'bearer' as const,
      expires_in: policy.accessTtlSeconds,
      refresh_expires_in: policy.refreshTtlSeconds,
    };
  });
  // The revocation above must commit, so the refusal is thrown only after the transaction.
  if (outcome === null) throw refusedRefresh();
  if (outcome === 'just-rotated') throw new HttpError(409, 'this refresh token was used a moment ago: use the pair it gave');
  return outcome;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends one of the user's own sessions; another user's session is "not found". */
export async function revokeOwnSession(db: Db, userId: string, sessionId: string): Promise<void> {
  const ended = await db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (ended.numUpdatedRows === 0n) throw new HttpError(404, 'no such session');
}

/** Ends every session of a user, but `keep` (the device that asked) when given. */
export async function revokeUserSessions(db: Db, userId: string, keep?: string): Promise<void> {
  let query = db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keep) query = query.where('id', '!=', keep);
  await query.execute();
}

/** The user's devices still signed in (a refresh token not yet expired), the newest use first. */
export async function listSessions(db: Db, userId: string, currentSid: string | undefined): Promise<DeviceSession[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .select(['s.id', 's.created_at', 's.last_used_at', 's.user_agent', 's.ip'])
    .where('s.user_id', '=', userId)
    .where('s.revoked_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('refresh_tokens as t')
          .select('t.session_id')
          .whereRef('t.session_id', '=', 's.id')
          .where('t.spent_at', 'is', null)
          .where('t.expires_at', '>', sql<Date>`now()`),
      ),
    )
    .orderBy('s.last_used_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    created_at: r.created_at.toISOString(),
    last_used_at: r.last_used_at.toISOString(),
    user_agent: r.user_agent,
    ip: r.ip,
    current: r.id === currentSid,
  }));
}

/** Sessions revoked or deleted since `since` (never further back than one access-token lifetime). */
export async function revokedSince(db: Db, since: Date | undefined, windowSeconds: number): Promise<RevokedSessions> {
  const { rows } = await sql<{ now: Date }>`SELECT now() AS now`.execute(db);
  const now = rows[0]!.now;
  const floor = new Date(now.getTime() - windowSeconds * 1000);
  const from = since && since > floor ? since : floor;
  const items = await db
    .selectFrom('sessions')
    .select(['id', 'revoked_at'])
    .where('revoked_at', '>=', from)
    .unionAll(db.selectFrom('ended_sessions').select(['id', 'revoked_at']).where('revoked_at', '>=', from))
    .orderBy('revoked_at')
    .execute();
  return {
    now: now.toISOString(),
    window_seconds: windowSeconds,
    items: items.map((r) => ({ sid: r.id, revoked_at: (r.revoked_at as Date).toISOString() })),
  };
}

/** Whose a session is and whether it has ended (a disabled user's sessions all have). */
export async function sessionOwner(db: Db, sid: string): Promise<{ user_id: string; revoked: boolean } | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 's.revoked_at', 'u.is_active'])
    .where('s.id', '=', sid)
    .executeTakeFirst();
  return row && { user_id: row.user_id, revoked: row.revoked_at !== null || !row.is_active };
}
