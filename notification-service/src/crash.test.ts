// The one gap of "exactly once": the sender killed (SIGKILL) after the SMTP server took a mail but
// before the row was marked sent. The restarted service sends that mail again as the same message
// (the same Message-ID, which a receiver can drop), and every other mail exactly once.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { messageIdOf } from '@dm/common/mailer';
import { callJson, createTestDatabase, eventually, freePort, type TestDatabase } from '@dm/common/testing';
import { testSmtpServer } from '@dm/common/testing-smtp';
import { migrationFolder } from '@dm/migrations/folders';
import type { SMTPServer } from 'smtp-server';
import type { Database } from './db.js';
import { asService, orderPlaced, shopper } from './test-support.js';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
const MAILS = 5;

let database: TestDatabase<Database>;
let smtp: SMTPServer;
let smtpPort: number;
/** The Message-ID of each mail the SMTP server took, in the order it took them. */
const received: string[] = [];
/** Called when the SMTP server has a whole message, before it answers 250. */
let onMessage: (count: number) => void = () => {};

before(async () => {
  database = await createTestDatabase<Database>('nt_crash', migrationFolder('notifications'));
  smtp = testSmtpServer(({ data }) => {
    received.push(/^Message-ID: (.*)$/im.exec(data)?.[1]?.trim() ?? 'none');
    onMessage(received.length);
  });
  smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
});

after(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.drop();
});

async function startProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NOTIFICATIONS_DATABASE_URL: database.url,
      JWT_SECRET: 'notification-test-secret-at-least-32-characters',
      AUTH_URL: 'http://127.0.0.1:9',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    },
    stdio: 'ignore',
  });
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`notification-service exited with ${child.exitCode}`);
      return (await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined))?.ok === true;
    },
    'notification-service is ready',
    10_000,
  );
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

describe('notification-service killed while sending', () => {
  it('sends the mail in flight again as the same message after a restart, and every other mail once', async () => {
    const port = await freePort();
    const first = await startProcess(port);
    let killed: Promise<void> | undefined;
    onMessage = (count) => {
      // The server has the third mail; the sender dies before it hears 250, so it never records it.
      if (count === 3) {
        first.kill('SIGKILL');
        killed = exited(first);
      }
    };
    const sam = shopper();
    for (let i = 0; i < MAILS; i++) {
      // The process may be gone already: what it did not record is posted after the restart.
      const res = await callJson(`http://127.0.0.1:${port}/internal/events`, 'POST', {
        body: orderPlaced(sam),
        headers: asService('order-service'),
      }).catch(() => undefined);
      if (res?.status !== 200) break;
    }
    await eventually(async () => killed !== undefined, 'the third mail reaches the SMTP server', 10_000);
    await killed;
    const before = await database.db.selectFrom('notifications').select(['id', 'status']).execute();
    assert.ok(
      before.some((n) => n.status === 'pending'),
      'mails were left to send',
    );

    onMessage = () => {};
    const second = await startProcess(port);
    try {
      // Whatever the dead process had not recorded yet is posted again, as a producer's outbox would.
      const recorded = before.length;
      for (let i = recorded; i < MAILS; i++) {
        const res = await callJson(`http://127.0.0.1:${port}/internal/events`, 'POST', {
          body: orderPlaced(sam),
          headers: asService('order-service'),
        });
        assert.equal(res.status, 200, res.text);
      }
      await eventually(
        async () =>
          (await database.db.selectFrom('notifications').select('status').execute()).filter((n) => n.status === 'sent').length === MAILS,
        'every mail is sent',
        15_000,
      );
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }

    const rows = await database.db.selectFrom('notifications').select(['id', 'status']).execute();
    assert.equal(rows.length, MAILS);
    const expected = rows.map((r) => messageIdOf(r.id)).sort();
    assert.deepEqual([...new Set(received)].sort(), expected, 'every notification reached the server under its own Message-ID');
    assert.equal(received.length, MAILS + 1, 'one message twice: the one in flight when the process died');
    const twice = received.filter((id, i) => received.indexOf(id) !== i);
    assert.deepEqual(twice, [received[2]], 'the copy is the third mail, with the same Message-ID');
  });
});
