import { HttpError } from '@dm/common/errors';
import type { Jwt } from '@dm/common/jwt';
import type { Logger } from '@dm/common/logger';
import type { LoginInput, Registered, RegisterInput, SignedIn, User } from '@dm/contracts/auth';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from './db.js';
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
  input: z.output<typeof LoginInput>,
  device: Device = {},
): Promise<SignedIn> {
  const user = await users.findByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw new HttpError(401, 'incorrect email or password');
  if (!user.is_active) throw new HttpError(403, 'this account is disabled');
  const newHash = needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  await users.recordLogin(db, user.id, newHash);
  return { user: userRowToUser(user), ...(await startSession(db, jwt, policy, user, device)) };
}

export async function currentUser(db: Kysely<Database>, id: string): Promise<User> {
  const row = await users.findById(db, id);
  if (!row?.is_active) throw new HttpError(401, 'not authenticated');
  return userRowToUser(row);
}

/** Makes sure the configured admin exists and is an admin; an existing password is left alone. */
export async function seedAdmin(db: Kysely<Database>, adminEmail: string, adminPassword: string, logger: Logger) {
  const existing = await users.findByEmail(db, adminEmail);
  if (existing) {
    if (existing.role !== 'admin') await users.setRole(db, existing.id, 'admin');
    return;
  }
  await users.insert(db, {
    email: adminEmail,
    full_name: 'Shop Admin',
    role: 'admin',
    password_hash: await hashPassword(adminPassword),
  });
  logger.info({ email: adminEmail }, 'admin user created');
}
