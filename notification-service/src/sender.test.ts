// The sender: a mail that cannot be sent is retried after 2^attempts seconds, each attempt's
// outcome kept on its row, until it goes or is given up; through a real SMTP server, it carries
// the notification's stable Message-ID.
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { createMailer, type Mail, type Mailer, messageIdOf } from '@dm/common/mailer';
import { eventually, freePort, silentLogger } from '@dm/common/testing';
import { type ReceivedMail, testSmtpServer } from '@dm/common/testing-smtp';
import { orderPlaced, shopper, startNotificationService } from './test-support.js';

function smtpServer(received: ReceivedMail[]) {
  return testSmtpServer((mail) => received.push(mail));
}

describe('mail sender', () => {
  it('while the SMTP server is down the mail waits 2 s and is tried again; once it is up the mail goes, with its Message-ID', async () => {
    const port = await freePort();
    const mailer = createMailer(
      { NODE_ENV: 'test', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Shop <shop@example.com>', DATA_DIR: '/nonexistent' },
      silentLogger,
    );
    const service = await startNotificationService('nt_smtp', { mailer });
    const received: { to: string[]; data: string }[] = [];
    const smtp = smtpServer(received);
    try {
      const sam = shopper();
      assert.equal((await service.post(orderPlaced(sam))).body.outcome, 'handled');
      const row = () => service.db.selectFrom('notifications').selectAll().where('user_id', '=', sam.id).executeTakeFirstOrThrow();
      await eventually(async () => (await row()).attempts === 1, 'the first attempt fails');
      const failed = await row();
      assert.equal(failed.status, 'pending');
      assert.match(failed.last_error ?? '', /ECONNREFUSED/);
      const wait = (failed.next_attempt_at.getTime() - failed.created_at.getTime()) / 1000;
      assert.ok(wait >= 1.9 && wait < 3, `the retry waits 2^1 s (waited ${wait} s)`);
      assert.equal(received.length, 0);

      await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
      await eventually(async () => (await row()).status === 'sent', 'the second attempt sends the mail', 5000);
      const sent = await row();
      assert.equal(sent.attempts, 2);
      assert.ok(sent.sent_at && sent.sent_at >= failed.next_attempt_at, 'not sent before its backoff was over');
      assert.match(sent.last_error ?? '', /ECONNREFUSED/, 'the failed attempt stays told');
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]?.to, [sam.email]);
      assert.match(received[0]?.data ?? '', new RegExp(`^Message-ID: ${messageIdOf(sent.id)}`, 'mi'));
      assert.match(received[0]?.data ?? '', /Subject: Your order [0-9A-F]{8} is confirmed/);
    } finally {
      await service.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('a pooled mailer sends one mail after another over one SMTP connection, and closes it when the sender stops', async () => {
    const received: ReceivedMail[] = [];
    const smtp = smtpServer(received);
    let opened = 0;
    let open = 0;
    smtp.server.on('connection', (socket: Socket) => {
      opened++;
      open++;
      socket.once('close', () => open--);
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    const mailer = createMailer(
      { NODE_ENV: 'test', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Shop <shop@example.com>', DATA_DIR: '/nonexistent' },
      silentLogger,
      { pool: true },
    );
    const service = await startNotificationService('nt_pool', { mailer });
    try {
      try {
        const shoppers = [shopper(), shopper(), shopper()];
        for (const sam of shoppers) assert.equal((await service.post(orderPlaced(sam))).body.outcome, 'handled');
        await eventually(async () => received.length === 3, 'the three mails arrive', 5000);
        assert.deepEqual(received.map((m) => m.to[0]).sort(), shoppers.map((s) => s.email).sort());
        assert.equal(opened, 1, 'one connection carried the three mails');
        assert.equal(open, 1, 'and stays open for the next');
      } finally {
        await service.close();
      }
      await eventually(async () => open === 0, 'stopping the sender closes the connection', 2000);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('backs off 2, 4, … seconds and gives a mail up as failed after its attempts, keeping the last error', async () => {
    const tried: Mail[] = [];
    const broken: Mailer = {
      target: 'nowhere',
      async send(mail) {
        tried.push(mail);
        throw new Error(`mailbox full (${tried.length})`);
      },
      close() {},
    };
    const service = await startNotificationService('nt_giveup', { mailer: broken, startSender: false, sender: { maxAttempts: 3 } });
    try {
      const sam = shopper();
      await service.post(orderPlaced(sam));
      const row = () => service.db.selectFrom('notifications').selectAll().where('user_id', '=', sam.id).executeTakeFirstOrThrow();
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const before = Date.now();
        assert.equal(await service.deps.sender.sendDue(), 1);
        const after = await row();
        assert.equal(after.attempts, attempt);
        assert.equal(after.last_error, `mailbox full (${attempt})`);
        waits.push(Math.round((after.next_attempt_at.getTime() - before) / 1000));
        assert.equal(await service.deps.sender.sendDue(), 0, 'nothing is due during the backoff');
        // The backoff is over (the test does not wait it out).
        await service.db
          .updateTable('notifications')
          .set({ next_attempt_at: new Date(0) })
          .where('id', '=', after.id)
          .execute();
      }
      assert.deepEqual(waits.slice(0, 2), [2, 4]);
      const given = await row();
      assert.equal(given.status, 'failed');
      assert.equal(given.sent_at, null);
      assert.equal(await service.deps.sender.sendDue(), 0, 'a failed mail is not tried again');
      assert.equal(tried.length, 3);
      assert.ok(
        tried.every((m) => m.id === given.id && m.to === sam.email),
        'every attempt is the same message',
      );
    } finally {
      await service.close();
    }
  });
});
