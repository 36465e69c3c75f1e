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

export interface Database {
  users: UsersTable;
}
