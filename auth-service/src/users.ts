import { isUniqueViolation } from '@dm/common/pg-errors';
import type { User } from '@dm/contracts/auth';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, UserRow } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

export function userRowToUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    full_name: row.full_name,
    role: row.role,
    is_active: row.is_active,
    created_at: row.created_at.toISOString(),
    last_login_at: row.last_login_at ? row.last_login_at.toISOString() : null,
  };
}

export const users = Object.freeze({
  findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
  },

  findById(db: Db, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Inserts, or returns undefined when the email is taken (in any case). */
  insert(
    db: Db,
    values: { email: string; password_hash: string; full_name: string; role?: 'user' | 'admin' },
  ): Promise<UserRow | undefined> {
    return db
      .insertInto('users')
      .values(values)
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  async recordLogin(db: Db, id: string, newHash?: string): Promise<void> {
    await db
      .updateTable('users')
      .set({ last_login_at: sql`now()`, ...(newHash ? { password_hash: newHash } : {}) })
      .where('id', '=', id)
      .execute();
  },

  /** Name or email; undefined when the new email is taken (in any case). */
  async update(db: Db, id: string, changes: { full_name?: string; email?: string }): Promise<UserRow | undefined> {
    try {
      return await db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
    } catch (err) {
      if (isUniqueViolation(err)) return undefined;
      throw err;
    }
  },

  async setRole(db: Db, id: string, role: 'user' | 'admin'): Promise<void> {
    await db.updateTable('users').set({ role }).where('id', '=', id).execute();
  },
});
