import type { Transporter } from 'nodemailer';

export interface MailSettings {
  /** `SMTP_URL`: smtp(s)://user:pass@host:port — operator configuration, never a channel's input. */
  url: string;
  from: string;
  timeoutMs: number;
}

/** A file an e-mail carries. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type MailResult = { ok: true; code: number } | { ok: false; retryable: boolean; code: number | null; error: string };

/**
 * Sends e-mail through the configured SMTP server. A 4xx reply or a connection problem may pass on a
 * retry; a 5xx reply (unknown mailbox, refused) will not. Results name codes, never recipients.
 */
export function createMailer(settings: MailSettings) {
  // nodemailer (~650 KB of modules) is imported at the first mail, not when the worker starts.
  let transport: Promise<Transporter> | undefined;
  const transportNow = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    logger: false,
  })));
  return {
    async send(mail: { to: readonly string[]; subject: string; text: string; html: string; headers?: Record<string, string>; attachments?: readonly MailAttachment[] }): Promise<MailResult> {
      const mailer = await transportNow();
      try {
        await mailer.sendMail({ from: settings.from, to: [...mail.to], subject: mail.subject, text: mail.text, html: mail.html, ...(mail.headers && { headers: mail.headers }), ...(mail.attachments?.length && { attachments: [...mail.attachments] }) });
        return { ok: true, code: 250 };
      } catch (error) {
        const { responseCode, code } = error as { responseCode?: number; code?: string };
        if (responseCode) return { ok: false, retryable: responseCode < 500, code: responseCode, error: `the mail server answered ${responseCode}` };
        return { ok: false, retryable: true, code: null, error: `the mail server could not be reached (${code ?? 'connection error'})` };
      }
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

export type Mailer = ReturnType<typeof createMailer>;
