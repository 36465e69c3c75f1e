// notification-service: the mails a shopper was sent (or is owed), as its one internal list
// tells the gateway.
import { z } from 'zod';
import { pageOf, pageQuery, Timestamp, Uuid, UuidInput } from './common.js';

/** What each mail is about, and the event that owes it. */
export const NOTIFICATION_KINDS = [
  /** order.placed */
  'order_confirmation',
  /** payment.failed */
  'payment_failed',
  /** order.status_changed to shipped */
  'order_shipped',
  /** order.cancelled (it tells of the refund when there was one) */
  'order_cancelled',
  /** payment.refunded that no cancellation mail told of */
  'payment_refunded',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** pending: not sent yet (or being retried); failed: given up after its attempts. */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const Notification = z
  .object({
    id: Uuid,
    kind: z.enum(NOTIFICATION_KINDS),
    order_id: Uuid.nullable(),
    email: z.string(),
    subject: z.string(),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.int().nonnegative(),
    created_at: Timestamp,
    sent_at: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = pageOf(Notification);
export type NotificationList = z.infer<typeof NotificationList>;

/** `GET /internal/notifications?user_id=&page=&page_size=`: one user's mails, newest first. */
export const NotificationQuery = z.object({ user_id: UuidInput, ...pageQuery });

/** `GET /api/account/notifications?page=&page_size=`: the signed-in user's own. */
export const MyNotificationsQuery = z.object(pageQuery);
