import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One e-mail the catcher received, as the inbox page shows it. */
export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what the worker's SMTP_URL is set to. */
  smtpUrl: string;
  /** The inbox page. */
  inboxUrl: string;
  messages: readonly CaughtMail[];
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inboxPage(messages: readonly CaughtMail[]): string {
  const rows = [...messages].reverse().map((m) => `<tr>
<td>${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a> · <a href="/messages/${m.id}.txt">text</a></td></tr>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Goalpost local inbox</title></head>
<body style="font-family:system-ui,sans-serif;margin:24px">
<h1 style="font-size:20px">Local inbox</h1>
<p style="color:#555">Every e-mail Goalpost sends while <code>SMTP_URL</code> is unset lands here and goes no further (kept in memory, the last ${maxMessages}).</p>
${messages.length === 0 ? '<p>No mail yet.</p>' : `<table cellpadding="6" style="border-collapse:collapse"><tr><th align="left">Received (UTC)</th><th align="left">To</th><th align="left">Subject</th></tr>${rows}</table>`}
</body></html>`;
}

const maxMessages = 200;

/**
 * A local SMTP server that keeps what it receives, and a small inbox page for it, both on loopback:
 * `npm start`'s stand-in for real mail delivery, so the demo shows e-mails without credentials. It
 * accepts any sender and recipient without login and never relays.
 */
export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number } = {}): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  let next = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const addresses = (field: typeof mail.to) => (field ? (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? '')) : []);
        messages.push({
          id: next++,
          receivedAt: new Date().toISOString(),
          from: mail.from?.text ?? '',
          to: addresses(mail.to),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : null,
        });
        if (messages.length > maxMessages) messages.shift();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://inbox').pathname;
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(inboxPage(messages));
    if (path === '/messages.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
    const match = /^\/messages\/(\d+)(\.txt)?$/.exec(path);
    const mail = match && messages.find((m) => m.id === Number(match[1]));
    if (!mail) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('No such message.');
    if (match[2] || !mail.html) return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(mail.text);
    // A mail's HTML is shown as sent, sandboxed: no scripts, no requests out of the page's own content.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" }).end(mail.html);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort ?? 0, '127.0.0.1', () => resolve());
  });
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${httpPort}/`,
    messages,
    async close() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
