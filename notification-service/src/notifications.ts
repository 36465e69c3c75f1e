// The mails owed and sent. An event's handler only records a mail (in the transaction that marks
// the event handled); the sender (sender.ts) delivers it. A user's list reads the same table.
import { pageOf } from '@dm/common/pagination';
import type { Notification, NotificationKind, NotificationList } from '@dm/contracts/notifications';
import type { Kysely, Transaction } from 'kysely';
import type { Database, NotificationRow } from './db.js';
import type { MailContent } from './mail-content.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OwedMail {
  eventId: string;
  kind: NotificationKind;
  orderId: string | null;
  userId: string;
  email: string;
  content: MailContent;
}

/** Records a mail to send; the same event owing the same kind again records nothing more. */
export async function recordNotification(db: Db, mail: OwedMail): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      event_id: mail.eventId,
      kind: mail.kind,
      order_id: mail.orderId,
      user_id: mail.userId,
      email: mail.email,
      subject: mail.content.subject,
      text: mail.content.text,
      html: mail.content.html,
      last_error: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['event_id', 'kind']).doNothing())
    .execute();
}

type ListedRow = Pick<NotificationRow, 'id' | 'kind' | 'order_id' | 'email' | 'subject' | 'status' | 'attempts' | 'created_at' | 'sent_at'>;

function notificationRowToNotification(row: ListedRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    order_id: row.order_id,
    email: row.email,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    created_at: row.created_at.toISOString(),
    sent_at: row.sent_at?.toISOString() ?? null,
  };
}

/** One user's mails, newest first (no bodies: the list says what was sent and when). */
export async function listNotifications(db: Db, userId: string, page: number, pageSize: number): Promise<NotificationList> {
  const [rows, counted] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'kind', 'order_id', 'email', 'subject', 'status', 'attempts', 'created_at', 'sent_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return pageOf(rows.map(notificationRowToNotification), Number(counted.n), page, pageSize);
}
