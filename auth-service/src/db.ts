import type { UserRole } from '@dm/contracts/auth';
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  full_name: string;
  role: Generated<UserRole>;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
  last_login_at: Date | null;
}

export type UserRow = Selectable<UsersTable>;

export interface LoginFailuresTable {
  /** the email, lower-cased */
  email_key: string;
  failures: number;
  last_failed_at: Generated<Date>;
  locked_until: Date | null;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  request_id: string | null;
  /** jsonb: written as JSON text, read as the value */
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
  user_agent: string | null;
  ip: string | null;
  revoked_at: Date | null;
}

export type SessionRow = Selectable<SessionsTable>;

/** Tombstones of deleted sessions, written by a trigger, so that the revocation list still names them. */
export interface EndedSessionsTable {
  id: string;
  revoked_at: Date;
}

export interface RefreshTokensTable {
  /** SHA-256 of the token: the token itself is never stored */
  hash: Buffer;
  session_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  spent_at: Date | null;
}

export interface PasswordResetsTable {
  /** SHA-256 of the mailed token: the token itself is never stored */
  hash: Buffer;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface Database {
  users: UsersTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  sessions: SessionsTable;
  ended_sessions: EndedSessionsTable;
  refresh_tokens: RefreshTokensTable;
  password_resets: PasswordResetsTable;
}
