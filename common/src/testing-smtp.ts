// A real SMTP server for the tests of mail sent by SMTP (the `smtp-server` package): no TLS, no
// login, every message kept whole with its recipients.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** the whole message as sent: headers and body */
  data: string;
}

/**
 * A server that hands each message it takes to `onMail`, before it answers 250 (so a test can act
 * at the very moment the mail is in and the sender does not know it yet). Listen with `listen(port)`.
 */
export function testSmtpServer(onMail: (mail: ReceivedMail) => void): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8');
      });
      stream.on('end', () => {
        onMail({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
}
