import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from './config.js';
import { listMail, readMail } from './mailbox.js';
import { createMailer, mailFolder, messageIdOf } from './mailer.js';
import { silentLogger } from './testing.js';

const settings = (dataDir: string) => ({ NODE_ENV: 'development', MAIL_FROM: 'Shop <shop@example.com>', DATA_DIR: dataDir });

describe('mailer', () => {
  it('without SMTP_URL, writes each message as an .eml file that the mailbox lists newest first and reads back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dm-mailer-'));
    try {
      const mailer = createMailer(settings(dir), silentLogger);
      await mailer.send({ to: 'a@example.com', subject: 'First', text: 'one' });
      await mailer.send({ to: 'b@example.com', subject: 'Second — ünïcode', text: 'two https://shop.test/x?y=1', html: '<p>two</p>' });
      const files = await readdir(mailFolder(dir));
      assert.equal(files.filter((f) => f.endsWith('.eml')).length, 2);
      assert.ok(!files.some((f) => f.endsWith('.tmp')), 'no half-written file is left');
      const list = await listMail(dir);
      assert.deepEqual(
        list.map((m) => [m.to, m.subject]),
        [
          ['b@example.com', 'Second — ünïcode'],
          ['a@example.com', 'First'],
        ],
      );
      const second = await readMail(dir, list[0]?.id ?? '');
      assert.equal(second?.text.trim(), 'two https://shop.test/x?y=1');
      assert.equal(second?.html, '<p>two</p>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a mail with an id, sent again (a sender that died before recording the send), is the same one file with one Message-ID', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dm-mailer-'));
    try {
      const mailer = createMailer(settings(dir), silentLogger);
      const id = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
      await mailer.send({ to: 'a@example.com', subject: 'Older', text: 'one' });
      await mailer.send({ id, to: 'b@example.com', subject: 'Your order', text: 'first try' });
      await mailer.send({ id, to: 'b@example.com', subject: 'Your order', text: 'second try' });
      const files = (await readdir(mailFolder(dir))).filter((f) => !f.startsWith('.'));
      assert.equal(files.length, 2);
      assert.ok(files.includes(`${id}.eml`));
      const raw = await readFile(path.join(mailFolder(dir), `${id}.eml`), 'utf8');
      assert.match(raw, new RegExp(`^Message-ID: ${messageIdOf(id)}$`, 'm'));
      const list = await listMail(dir);
      assert.deepEqual(
        list.map((m) => m.subject),
        ['Your order', 'Older'],
        'newest first, whatever the names',
      );
      assert.equal((await readMail(dir, id))?.text.trim(), 'second try');
      await assert.rejects(mailer.send({ id: '../escape', to: 'c@example.com', subject: 'x', text: 'y' }), /mail id/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the mailbox reads only its own messages: an id with a path in it is not found', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dm-mailer-'));
    try {
      await writeFile(path.join(dir, 'secret.eml'), 'Subject: not in the mailbox\n\nhidden');
      assert.equal(await readMail(dir, '../secret'), undefined);
      assert.equal(await readMail(dir, 'no-such-message'), undefined);
      assert.deepEqual(await listMail(dir), [], 'a mailbox never written to is empty');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('in production, refuses to start without SMTP_URL rather than keep mail nobody reads', () => {
    assert.throws(
      () => createMailer({ ...settings('/tmp'), NODE_ENV: 'production' }, silentLogger),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /SMTP_URL: must be set when NODE_ENV=production/);
        return true;
      },
    );
    assert.match(
      createMailer({ ...settings('/tmp'), NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.com:587' }, silentLogger).target,
      /smtp:\/\/mail\.example\.com:587/,
    );
  });
});
