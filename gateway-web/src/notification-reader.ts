// What the gateway reads from notification-service: the mails a shopper was sent. Its list is an
// internal route (the gateway's service token, the user named in the query), so the gateway
// decides whose list is asked for: always the signed-in shopper's own.
import type { ServiceClient } from '@dm/common/http-client';
import type { NotificationList } from '@dm/contracts/notifications';

export interface NotificationReader {
  /** A page of the user's mails, newest first; throws the service's error (503 while it is down). */
  mine(userId: string, page: number, pageSize: number): Promise<NotificationList>;
}

export function createNotificationReader(notification: ServiceClient, serviceToken: () => string): NotificationReader {
  return {
    mine: (userId, page, pageSize) =>
      notification.call<NotificationList>('GET', '/internal/notifications', {
        token: serviceToken(),
        query: { user_id: userId, page, page_size: pageSize },
      }),
  };
}
