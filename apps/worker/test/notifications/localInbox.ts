import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface LocalInbox {
  /** `smtp://127.0.0.1:<port>`: the worker's SMTP_URL. */
  url: string;
  /** Every message received, parsed, in arrival order. */
  mails: ParsedMail[];
  /** Every recipient the server was asked to take (RCPT TO), refused ones included. */
  recipients: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (no TLS offered, no login needed) that parses what it receives.
 * `refuse` may answer a recipient with an SMTP code instead of taking it: 5xx for good, 4xx for now.
 */
export async function startLocalInbox(options: { refuse?: (address: string, asked: readonly string[]) => number | undefined } = {}): Promise<LocalInbox> {
  const mails: ParsedMail[] = [];
  const recipients: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      recipients.push(address.address);
      const code = options.refuse?.(address.address, recipients);
      if (code) return callback(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    mails,
    recipients,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
