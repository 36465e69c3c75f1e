import type { SessionCheck } from '@dm/common/jwt';
import { refused } from '@dm/common/sessions';
import { isUuid } from '@dm/contracts/common';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { sessionOwner } from './sessions.js';

/** auth-service's own live-session check: its own table, read on every request, so it is exact. */
export function localSessions(db: Kysely<Database>): SessionCheck {
  return {
    async check(claims) {
      if (!claims.sid) throw refused('token has no session: sign in again');
      const owner = isUuid(claims.sid) ? await sessionOwner(db, claims.sid) : undefined;
      if (!owner || owner.revoked || owner.user_id !== claims.sub) throw refused('this session has ended: sign in again');
    },
  };
}
