import { escapeLike } from '@dm/common/like';
import { type Page, pageOf } from '@dm/common/pagination';
import { isUniqueViolation } from '@dm/common/pg-errors';
import type { AdminUserQuery, User, UserRole } from '@dm/contracts/auth';
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
  insert(db: Db, values: { email: string; password_hash: string; full_name: string; role?: UserRole }): Promise<UserRow | undefined> {
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

  /** The admin's list: newest first, by role, and `q` as part of the email or the name. */
  async search(db: Db, q: AdminUserQuery): Promise<Page<User>> {
    const { page, count } = userListQueries(db, q);
    const [rows, total] = await Promise.all([page.execute(), count.executeTakeFirstOrThrow()]);
    return pageOf(rows.map(userRowToUser), Number(total.n), q.page, q.page_size);
  },

  async setRole(db: Db, id: string, role: UserRole): Promise<void> {
    await db.updateTable('users').set({ role }).where('id', '=', id).execute();
  },
});

/** The two queries of the admin's list (a page, and the count), apart so the scale test can explain them. */
export function userListQueries(db: Db, q: AdminUserQuery) {
  let query = db.selectFrom('users');
  if (q.role) query = query.where('role', '=', q.role);
  if (q.q) {
    const pattern = `%${escapeLike(q.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([eb(sql<string>`lower(email)`, 'like', pattern), eb(sql<string>`lower(full_name)`, 'like', pattern)]),
    );
  }
  return {
    page: query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.page_size)
      .offset((q.page - 1) * q.page_size),
    count: query.select((eb) => eb.fn.countAll<string>().as('n')),
  };
}
