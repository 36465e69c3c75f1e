import type { Generated, Selectable } from 'kysely';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  full_name: string;
  role: Generated<'user' | 'admin'>;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
  last_login_at: Date | null;
}

export type UserRow = Selectable<UsersTable>;

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

export interface RefreshTokensTable {
  /** SHA-256 of the token: the token itself is never stored */
  hash: Buffer;
  session_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  spent_at: Date | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
}
