// Throttling of sign-ins per account (OWASP ASVS V6.3.1): after `threshold` failures for one email,
// each further attempt must wait, twice as long after every new failure. Unknown emails are
// counted the same way, so the answers never tell which accounts exist.

import { TooManyRequestsError } from '@dm/common/errors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './db.js';

/** The first wait, once the threshold is reached; each later failure doubles it, up to MAX. */
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;
/** Failures older than this (with no lock running) are forgotten: a typo last week counts for nothing. */
const FORGET_AFTER = '1 hour';

const keyOf = (email: string) => email.trim().toLowerCase();

export interface LoginLockout {
  /** Throws a 429 with Retry-After while the account is locked. */
  assertOpen(email: string): Promise<void>;
  /** Counts one failure, and locks the account when it reaches the threshold: then true. */
  recordFailure(email: string): Promise<boolean>;
  /** A successful sign-in starts the count afresh. */
  clear(email: string): Promise<void>;
}

/** Forgets an account's failed sign-ins: after a success, or a password reset. */
export async function clearLoginFailures(db: Kysely<Database> | Transaction<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email_key', '=', keyOf(email)).execute();
}

export function loginLockout(db: Kysely<Database>, threshold: number): LoginLockout {
  return {
    async assertOpen(email) {
      const row = await db
        .selectFrom('login_failures')
        .select(sql<number>`ceil(extract(epoch from locked_until - now()))::int`.as('wait'))
        .where('email_key', '=', keyOf(email))
        .where('locked_until', '>', sql<Date>`now()`)
        .executeTakeFirst();
      if (row) {
        throw new TooManyRequestsError(
          `too many failed sign-ins for this account: try again in ${describeWait(row.wait)}, or reset your password`,
          row.wait,
        );
      }
    },

    async recordFailure(email) {
      // One statement, so concurrent failures each count. `failures` below is the new count.
      const failures = sql<number>`(CASE WHEN login_failures.last_failed_at < now() - ${FORGET_AFTER}::interval
        AND (login_failures.locked_until IS NULL OR login_failures.locked_until < now()) THEN 1 ELSE login_failures.failures + 1 END)`;
      const { rows } = await sql<{ locked: boolean }>`
        INSERT INTO login_failures (email_key, failures, locked_until)
        VALUES (${keyOf(email)}, 1, ${lockUntil(sql`1`, threshold)})
        ON CONFLICT (email_key) DO UPDATE SET
          failures = ${failures},
          last_failed_at = now(),
          locked_until = ${lockUntil(failures, threshold)}
        RETURNING locked_until IS NOT NULL AS locked`.execute(db);
      return rows[0]?.locked === true;
    },

    clear: (email) => clearLoginFailures(db, email),
  };
}

/** now() + FIRST_LOCK * 2^(failures - threshold), capped; NULL below the threshold. */
function lockUntil(failures: ReturnType<typeof sql>, threshold: number) {
  return sql`CASE WHEN ${failures} >= ${threshold}
    THEN now() + least(${MAX_LOCK_SECONDS}, ${FIRST_LOCK_SECONDS} * power(2, least(${failures} - ${threshold}, 16))) * interval '1 second'
    ELSE NULL END`;
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
