import { HttpError, TooManyRequestsError } from '@dm/common/errors';
import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import type { LoginInput, Registered, RegisterInput, SignedIn, User } from '@dm/contracts/auth';
import { DEMO_VENDOR_PASSWORD, DEMO_VENDORS } from '@dm/contracts/demo-vendors';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { audit } from './audit.js';
import type { Database } from './db.js';
import type { LoginLockout } from './lockout.js';
import { countLogin } from './login-metrics.js';
import { refuseCommonPassword } from './password-rules.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { type Device, startSession, type TokenPolicy } from './sessions.js';
import { userRowToUser, users } from './users.js';

/** A new account, signed in on the device that made it. */
export async function register(
  db: Kysely<Database>,
  jwt: Jwt,
  policy: TokenPolicy,
  input: z.output<typeof RegisterInput>,
  device: Device,
): Promise<Registered> {
  refuseCommonPassword(input.password);
  const row = await users.insert(db, {
    email: input.email,
    full_name: input.full_name,
    password_hash: await hashPassword(input.password),
  });
  if (!row) throw new HttpError(409, 'an account with this email already exists');
  const user = userRowToUser(row);
  return { ...user, user, ...(await startSession(db, jwt, policy, row, device)) };
}

export async function login(
  db: Kysely<Database>,
  jwt: Jwt,
  policy: TokenPolicy,
  lockout: LoginLockout,
  input: z.output<typeof LoginInput>,
  device: Device = {},
): Promise<SignedIn> {
  const attempt = { actor_email: input.email };
  try {
    await lockout.assertOpen(input.email);
  } catch (err) {
    if (err instanceof TooManyRequestsError) countLogin('locked');
    await audit.record(db, { ...attempt, action: 'sign_in.failed', after: { reason: 'locked' } });
    throw err;
  }
  const user = await users.findByEmail(db, input.email);
  // An unknown email is checked against a dummy hash: the same work, the same time, the same answer.
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    countLogin('failure');
    const locked = await lockout.recordFailure(input.email);
    const known = user ? { actor_id: user.id, subject_type: 'user', subject_id: user.id } : {};
    await audit.record(db, {
      ...attempt,
      ...known,
      action: 'sign_in.failed',
      after: { reason: user ? 'wrong password' : 'unknown email' },
    });
    if (locked) await audit.record(db, { ...attempt, ...known, action: 'sign_in.locked_out' });
    throw new HttpError(401, 'incorrect email or password');
  }
  await lockout.clear(input.email);
  await audit.record(db, {
    actor_id: user.id,
    actor_email: user.email,
    subject_type: 'user',
    subject_id: user.id,
    action: 'sign_in.succeeded',
  });
  if (!user.is_active) {
    countLogin('failure');
    throw new HttpError(403, 'this account is disabled');
  }
  const newHash = needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  await users.recordLogin(db, user.id, newHash);
  const signedIn = { user: userRowToUser(user), ...(await startSession(db, jwt, policy, user, device)) };
  countLogin('success');
  return signedIn;
}

export async function currentUser(db: Kysely<Database>, id: string): Promise<User> {
  const row = await users.findById(db, id);
  if (!row?.is_active) throw new HttpError(401, 'not authenticated');
  return userRowToUser(row);
}

/**
 * Creates the configured admin when no account has that email, and does nothing else: an existing
 * account is never promoted nor given ADMIN_PASSWORD, or whoever registered that email first (or
 * an attacker who did) would become an admin who keeps their own password.
 */
export async function seedAdmin(db: Kysely<Database>, adminEmail: string, adminPassword: string, logger: Logger) {
  const existing = await users.findByEmail(db, adminEmail);
  if (existing) {
    if (existing.role !== 'admin')
      logger.warn({ email: adminEmail }, 'ADMIN_EMAIL belongs to an account that is not an admin: left as it is');
    return;
  }
  // On a race with a registration of the same email, the insert does nothing: the other one won.
  const created = await users.insert(db, {
    email: adminEmail,
    full_name: 'Shop Admin',
    role: 'admin',
    password_hash: await hashPassword(adminPassword),
  });
  if (created) logger.info({ email: adminEmail }, 'admin user created');
}

/**
 * The demo marketplace's vendors (contracts/demo-vendors), with the ids their shops have in the
 * catalog. Only for the demo: production refuses, since their password is public.
 */
export async function seedDemoVendors(db: Kysely<Database>, production: boolean, logger: Logger): Promise<void> {
  if (production) {
    logger.warn('SEED_DEMO_CATALOG is ignored in production: the demo vendors’ password is public');
    return;
  }
  const password_hash = await hashPassword(DEMO_VENDOR_PASSWORD);
  const created = await db
    .insertInto('users')
    .values(DEMO_VENDORS.map((v) => ({ id: v.id, email: v.email, full_name: v.owner, role: 'vendor' as const, password_hash })))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  if (created.length > 0) logger.info({ created: created.length }, 'demo vendors created');
}
