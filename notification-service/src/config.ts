import { baseEnv, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { mailEnv } from '@dm/common/mailer';
import { z } from 'zod';

export const notificationEnv = {
  ...baseEnv,
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
