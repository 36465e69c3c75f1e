// The one way a service sends mail. With SMTP_URL it goes to that server (production); without it
// every message is written as an .eml file under DATA_DIR/mail, which the gateway lists at
// /dev/mail outside production, so `npm start` and the tests need no mail server.

import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { ConfigError } from './config.js';
import type { Logger } from './logger.js';

/** The variables of a service that sends mail, spread into its config schema. */
export const mailEnv = {
  SMTP_URL: z
    .url('must be a URL such as smtps://user:password@smtp.example.com:465')
    .refine((u) => /^smtps?:/.test(u), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Digital Marketplace <no-reply@digital-marketplace.localhost>'),
  /** `npm start` and the tests pass an absolute folder; `.data` is the repository's. */
  DATA_DIR: z.string().min(1).default('.data'),
};

export interface MailSettings {
  NODE_ENV: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  DATA_DIR: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * A stable id of this one message (letters, digits, `-`, `_`). Sending it again, as a sender that
   * died before recording the send does, gives the same message: the development mailbox rewrites
   * `<id>.eml`, and SMTP carries the same `Message-ID`, by which receivers can tell a duplicate.
   */
  id?: string;
}

const MAIL_ID = /^[\w-]{1,100}$/;

/** The `Message-ID` header of a mail sent with `id`. */
export const messageIdOf = (id: string) => `<${id}@digital-marketplace>`;

/** What nodemailer is given: the mail's stable Message-ID when it has an id. */
function nodemailerMessage(from: string, { id, ...mail }: Mail) {
  if (id !== undefined && !MAIL_ID.test(id)) throw new Error('a mail id holds only letters, digits, - and _ (at most 100)');
  return { from, ...mail, ...(id ? { messageId: messageIdOf(id) } : {}) };
}

export interface Mailer {
  /** Sends one message; throws when the server refuses it or cannot be reached. */
  send(mail: Mail): Promise<void>;
  /** Where the messages go, for the boot log: never the SMTP password. */
  readonly target: string;
  /** Closes the connections a pooled mailer keeps open (nothing to do for the others). */
  close(): void;
}

export interface MailerOptions {
  /**
   * Keep SMTP connections open and send over them one mail after another, for a sender of many
   * mails: a connection of its own per mail (TCP, EHLO, and with a real relay TLS and AUTH) held
   * notification-service to 68 mails in a 16 s checkout bench that placed 350 orders, and to 253
   * pooled. `close()` ends them.
   */
  pool?: boolean;
}

/** The folder of the development mailbox. */
export const mailFolder = (dataDir: string) => path.join(path.resolve(dataDir), 'mail');

export function createMailer(settings: MailSettings, logger: Logger, { pool = false }: MailerOptions = {}): Mailer {
  if (settings.SMTP_URL) {
    // The URL's own settings (`?pool=false`) win over the option.
    const transport = nodemailer.createTransport({ url: settings.SMTP_URL, pool });
    const url = new URL(settings.SMTP_URL);
    return {
      target: `${url.protocol}//${url.host}`,
      async send(mail) {
        await transport.sendMail(nodemailerMessage(settings.MAIL_FROM, mail));
        logger.info({ subject: mail.subject, mail_id: mail.id }, 'mail sent');
      },
      close: () => transport.close(),
    };
  }
  // Production has no mailbox page and (in a container) no writable folder: mail must go somewhere real.
  if (settings.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  SMTP_URL: must be set when NODE_ENV=production (mail cannot be delivered otherwise)');
  }
  const folder = mailFolder(settings.DATA_DIR);
  let sequence = 0;
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    target: folder,
    async send(mail) {
      const { message } = await transport.sendMail(nodemailerMessage(settings.MAIL_FROM, mail));
      await mkdir(folder, { recursive: true });
      // A mail with an id is its own file, rewritten whole when sent again; any other gets a name
      // that sorts by time (and by order within a millisecond). Written aside and renamed, so a
      // reader never sees half a message.
      const name = mail.id
        ? `${mail.id}.eml`
        : `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++sequence).padStart(6, '0')}-${randomUUID().slice(0, 8)}.eml`;
      const partial = path.join(folder, `.${name}.${randomUUID().slice(0, 8)}.tmp`);
      await writeFile(partial, message as Buffer);
      await rename(partial, path.join(folder, name));
      logger.info({ subject: mail.subject, file: name }, 'mail written to the development mailbox');
    },
    close() {},
  };
}
