// Password reset by email (OWASP ASVS V6.4): a single-use link, valid 30 minutes, whose token is
// kept only as a hash. The request is answered the same way whether or not the account exists,
// and the mail goes out after the answer, so its timing tells nothing either.

import { HttpError } from '@dm/common/errors';
import { escapeHtml } from '@dm/common/html';
import type { Logger } from '@dm/common/logger';
import type { Mailer } from '@dm/common/mailer';
import type { ResetPasswordInput } from '@dm/contracts/auth';
import { type Kysely, sql } from 'kysely';
import { audit } from './audit.js';
import type { Database, UserRow } from './db.js';
import { clearLoginFailures } from './lockout.js';
import { hashOf, newOpaqueToken } from './opaque-tokens.js';
import { refuseCommonPassword } from './password-rules.js';
import { hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { users } from './users.js';

export const RESET_LINK_MINUTES = 30;
/** One mail a minute per account at most, however often its address is typed in. */
const RESEND_AFTER_SECONDS = 60;

export interface ResetMailer {
  mailer: Mailer;
  /** The shop's address as shoppers reach it (PUBLIC_URL): the link points at its /reset-password page. */
  publicUrl: string;
  logger: Logger;
}

const badLink = () => new HttpError(400, 'this reset link is invalid, was already used or has expired: ask for a new one');

function resetMail(user: UserRow, link: string) {
  const greeting = `Hello ${user.full_name},`;
  const ask = 'Someone (we hope you) asked to reset the password of your Digital Marketplace account.';
  const until = `The link works once, within ${RESET_LINK_MINUTES} minutes.`;
  const ignore = 'If you did not ask, ignore this mail: your password stays as it is.';
  return {
    to: user.email,
    subject: 'Reset your Digital Marketplace password',
    text: `${greeting}\n\n${ask}\nChoose a new one here:\n\n${link}\n\n${until}\n${ignore}\n`,
    html: `<p>${escapeHtml(greeting)}</p><p>${ask}</p><p><a href="${escapeHtml(link)}">Choose a new password</a></p><p>${until}<br>${ignore}</p>`,
  };
}

/**
 * Mails a reset link to an active account with this email; does nothing for any other address.
 * Call it after answering: it awaits the mail.
 */
export async function sendResetLink(db: Kysely<Database>, { mailer, publicUrl }: ResetMailer, email: string): Promise<void> {
  const user = await users.findByEmail(db, email);
  if (!user?.is_active) return;
  const recent = await db
    .selectFrom('password_resets')
    .select('created_at')
    .where('user_id', '=', user.id)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${RESEND_AFTER_SECONDS})`)
    .executeTakeFirst();
  if (recent) return;
  const token = newOpaqueToken();
  await db
    .insertInto('password_resets')
    .values({ hash: hashOf(token), user_id: user.id, expires_at: sql<Date>`now() + make_interval(mins => ${RESET_LINK_MINUTES})` })
    .execute();
  const link = new URL('/reset-password', publicUrl);
  link.searchParams.set('token', token);
  await mailer.send(resetMail(user, link.toString()));
}

/**
 * Sets the new password for a live link, spends every open link of the user, ends every session
 * and lifts a sign-in lockout, in one transaction with its audit record.
 */
export async function resetPassword(db: Kysely<Database>, input: ResetPasswordInput): Promise<void> {
  refuseCommonPassword(input.new_password, 'new_password');
  const hash = await hashPassword(input.new_password);
  await db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('password_resets')
      .select('user_id')
      .where('hash', '=', hashOf(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
    const user = link && (await users.findById(trx, link.user_id));
    if (!user?.is_active) throw badLink();
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await trx
      .updateTable('password_resets')
      .set({ used_at: sql`now()` })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await revokeUserSessions(trx, user.id);
    // The lockout's message points here: whoever reads the mailbox may sign in again at once.
    await clearLoginFailures(trx, user.email);
    await audit.record(trx, {
      action: 'password.reset',
      actor_id: user.id,
      actor_email: user.email,
      subject_type: 'user',
      subject_id: user.id,
    });
  });
}
