// Reads the development mailbox that the mailer writes when no SMTP_URL is set (mailer.ts): the
// gateway's /dev/mail pages, and tests that wait for a message.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { mailFolder } from './mailer.js';

export interface MailSummary {
  /** the file name without `.eml` */
  id: string;
  to: string;
  subject: string;
  date: Date | null;
}

export interface MailMessage extends MailSummary {
  text: string;
  /** the HTML part as sent: show it sandboxed, never inline */
  html: string | null;
}

const ID = /^[\w-]{1,100}$/;

async function parse(folder: string, id: string): Promise<MailMessage> {
  const parsed = await simpleParser(await readFile(path.join(folder, `${id}.eml`)));
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
  return { id, to, subject: parsed.subject ?? '', date: parsed.date ?? null, text: parsed.text ?? '', html: parsed.html || null };
}

/** The newest messages first (at most `limit`); an empty list when nothing was ever sent. */
export async function listMail(dataDir: string, limit = 50): Promise<MailSummary[]> {
  const folder = mailFolder(dataDir);
  const names = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  // Newest written first: a mail sent with an id is named by it, not by time (mailer.ts); the
  // names of the others sort by time, which breaks ties within the clock's resolution.
  const files = await Promise.all(
    names
      .filter((n) => n.endsWith('.eml'))
      .map(async (n) => ({ id: n.slice(0, -4), written: (await stat(path.join(folder, n)).catch(() => undefined))?.mtimeMs })),
  );
  const ids = files
    .filter((f) => f.written !== undefined)
    .sort((a, b) => (b.written as number) - (a.written as number) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((f) => f.id)
    .slice(0, limit);
  const messages = await Promise.all(ids.map((id) => parse(folder, id)));
  return messages.map(({ id, to, subject, date }) => ({ id, to, subject, date }));
}

/** One message, or undefined for an id that is not a message of the mailbox. */
export async function readMail(dataDir: string, id: string): Promise<MailMessage | undefined> {
  if (!ID.test(id)) return undefined;
  try {
    return await parse(mailFolder(dataDir), id);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
