import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { AdminUserUpdate, ChangePasswordInput, UpdateMeInput, User } from '@dm/contracts/auth';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { audit } from './audit.js';
import type { Database } from './db.js';
import { refuseCommonPassword } from './password-rules.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { userRowToUser, users } from './users.js';

const wrongPassword = () => new HttpError(403, 'the current password is incorrect');

/** The user's own name and email; a new email needs the current password. */
export async function updateMe(db: Kysely<Database>, userId: string, input: z.output<typeof UpdateMeInput>): Promise<User> {
  const user = await users.findById(db, userId);
  if (!user?.is_active) throw new HttpError(401, 'not authenticated');
  const emailChanges = input.email !== undefined && input.email.toLowerCase() !== user.email.toLowerCase();
  if (emailChanges && !(input.current_password && (await verifyPassword(user.password_hash, input.current_password)))) {
    throw new HttpError(403, 'changing the email needs the current password');
  }
  const changes = { ...(input.full_name ? { full_name: input.full_name } : {}), ...(emailChanges ? { email: input.email } : {}) };
  if (Object.keys(changes).length === 0) return userRowToUser(user);
  const row = await users.update(db, userId, changes);
  if (!row) throw new HttpError(409, 'an account with this email already exists');
  return userRowToUser(row);
}

/** A new password: every session but the one that asked ends. */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  currentSid: string | undefined,
  input: ChangePasswordInput,
): Promise<void> {
  const user = await users.findById(db, userId);
  if (!user?.is_active) throw new HttpError(401, 'not authenticated');
  if (!(await verifyPassword(user.password_hash, input.current_password))) throw wrongPassword();
  refuseCommonPassword(input.new_password, 'new_password');
  const hash = await hashPassword(input.new_password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    await revokeUserSessions(trx, userId, currentSid);
  });
}

/**
 * An admin's change of role or of is_active. Either ends every session of the user, so the new
 * role or the disable holds on every service at once. The last active admin is never demoted or
 * disabled (admins are counted under a lock, so two admins demoting each other cannot both win).
 */
export async function adminUpdateUser(db: Kysely<Database>, userId: string, input: AdminUserUpdate, admin: Principal): Promise<User> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('auth.admins'))`.execute(trx);
    const user = await users.findById(trx, userId);
    if (!user) throw new HttpError(404, 'user not found');
    const role = input.role ?? user.role;
    const isActive = input.is_active ?? user.is_active;
    if (role === user.role && isActive === user.is_active) return userRowToUser(user);
    if (user.role === 'admin' && user.is_active && (role !== 'admin' || !isActive)) {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('role', '=', 'admin')
        .where('is_active', '=', true)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new HttpError(409, 'the last admin cannot be demoted or disabled');
    }
    const row = await trx
      .updateTable('users')
      .set({ role, is_active: isActive })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await revokeUserSessions(trx, userId);
    // Recorded in the same transaction: the change and its audit line exist together or not at all.
    const by = { actor_id: admin.id, actor_email: admin.email ?? null, subject_type: 'user', subject_id: userId };
    if (role !== user.role) await audit.record(trx, { ...by, action: 'user.role_changed', before: { role: user.role }, after: { role } });
    if (isActive !== user.is_active) {
      const action = isActive ? 'user.enabled' : 'user.disabled';
      await audit.record(trx, { ...by, action, before: { is_active: user.is_active }, after: { is_active: isActive } });
    }
    return userRowToUser(row);
  });
}
