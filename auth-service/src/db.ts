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

export interface LoginFailuresTable {
  /** the email, lower-cased */
  email_key: string;
  failures: number;
  last_failed_at: Generated<Date>;
  locked_until: Date | null;
}

export interface Database {
  users: UsersTable;
  login_failures: LoginFailuresTable;
}
