import { baseEnv, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { amqpEnv } from '@dm/common/events';
import { mailEnv } from '@dm/common/mailer';
import { z } from 'zod';

export const notificationEnv = {
  ...baseEnv,
  /** With AMQP_URL its events come from its RabbitMQ queue; without, by POST /internal/events. */
  ...amqpEnv,
  PORT: portVar(8006),
  NOTIFICATIONS_DATABASE_URL: z.string().optional(),
  ...mailEnv,
  /** The shop's address as shoppers reach it: the mails link to their orders there. */
  PUBLIC_URL: urlVar('http://localhost:8000'),
};

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(notificationEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('notifications', env) });
}

export type NotificationConfig = ReturnType<typeof loadNotificationConfig>;
