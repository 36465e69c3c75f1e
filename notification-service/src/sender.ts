// Delivers the recorded mails, like an outbox: each due mail is taken under a row lock (SKIP
// LOCKED, so replicas share the work and never send one mail at once), sent through the one
// mailer, and its outcome recorded on the row in the same transaction. A failure is retried after
// 2^attempts seconds (capped); after `maxAttempts` the mail is given up as `failed`.
//
// A process killed between the send and the commit leaves the row pending, and the mail is sent
// again: with the same id, so the development mailbox rewrites the same `<id>.eml` and an SMTP
// server gets the same Message-ID (common/src/mailer.ts). At least once, recognisably the same.
import type { Logger } from '@dm/common/logger';
import type { Mailer } from '@dm/common/mailer';
import type { BackgroundWorker } from '@dm/common/service';
import { type Kysely, sql } from 'kysely';
import type { Database } from './db.js';

export const MAX_SEND_ATTEMPTS = 8;
const MAX_BACKOFF_SECONDS = 600;

/** Seconds to wait after the `attempts`-th failure: 2, 4, 8, … up to ten minutes. */
export const backoffSeconds = (attempts: number) => Math.min(MAX_BACKOFF_SECONDS, 2 ** attempts);

export interface SenderOptions {
  db: Kysely<Database>;
  mailer: Mailer;
  logger: Logger;
  /** How long the loop rests when nothing was due. */
  intervalMs?: number;
  /** Mails sent in one round at most, before the loop looks again. */
  batchSize?: number;
  maxAttempts?: number;
}

export interface Sender extends BackgroundWorker {
  start(): void;
  /** Sends the mails due now, one round (`batchSize` at most); answers how many it tried. */
  sendDue(): Promise<number>;
}

export function createSender({
  db,
  mailer,
  logger,
  intervalMs = 1000,
  batchSize = 20,
  maxAttempts = MAX_SEND_ATTEMPTS,
}: SenderOptions): Sender {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = true;

  /** Sends one due mail in a transaction of its own; false when none is due. */
  async function sendOne(): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const mail = await trx
        .selectFrom('notifications')
        .select(['id', 'email', 'subject', 'text', 'html', 'attempts'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!mail) return false;
      const attempts = mail.attempts + 1;
      try {
        await mailer.send({ id: mail.id, to: mail.email, subject: mail.subject, text: mail.text, html: mail.html });
        await trx.updateTable('notifications').set({ status: 'sent', attempts, sent_at: sql`now()` }).where('id', '=', mail.id).execute();
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        const givenUp = attempts >= maxAttempts;
        if (givenUp) logger.error({ notification_id: mail.id, attempts }, `mail given up: ${reason}`);
        else logger.warn({ notification_id: mail.id, attempts }, `mail not sent, will retry: ${reason}`);
        await trx
          .updateTable('notifications')
          .set({
            attempts,
            last_error: reason,
            ...(givenUp ? { status: 'failed' } : { next_attempt_at: sql`now() + make_interval(secs => ${backoffSeconds(attempts)})` }),
          })
          .where('id', '=', mail.id)
          .execute();
      }
      return true;
    });
  }

  async function sendDue(): Promise<number> {
    let tried = 0;
    while (tried < batchSize && (await sendOne())) tried++;
    return tried;
  }

  function tick() {
    running = sendDue()
      .then(
        (tried) => tried,
        (err: unknown) => {
          logger.warn({ err }, 'mail sender could not run');
          return 0;
        },
      )
      .then((tried) => {
        // A full round may have left more due: look again at once.
        if (!stopped) timer = setTimeout(tick, tried >= batchSize ? 0 : intervalMs);
      });
  }

  return {
    sendDue,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      // The sender is the mailer's one user: its pooled connections go with it.
      mailer.close();
    },
  };
}
