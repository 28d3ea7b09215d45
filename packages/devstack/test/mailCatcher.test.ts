import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../src/index.ts';

describe('the local mail catcher', () => {
  let catcher: MailCatcher;
  beforeAll(async () => {
    catcher = await startMailCatcher();
  });
  afterAll(async () => {
    await catcher?.close();
  });

  it('keeps every e-mail sent to it over SMTP and lists it on its inbox page, HTML sandboxed', async () => {
    expect(catcher.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const transport = nodemailer.createTransport({ url: catcher.smtpUrl });
    await transport.sendMail({
      from: 'Goalpost <digest@goalpost.localhost>',
      to: ['demo@goalpost.local', 'team@example.com'],
      subject: 'Weekly digest: <Demo> plan',
      text: 'Plain text part',
      html: '<p>HTML part <script>alert(1)</script></p>',
    });
    transport.close();
    expect(catcher.messages).toHaveLength(1);
    expect(catcher.messages[0]).toMatchObject({ id: 1, to: ['demo@goalpost.local', 'team@example.com'], subject: 'Weekly digest: <Demo> plan', text: 'Plain text part' });

    const inbox = await fetch(catcher.inboxUrl);
    expect(inbox.status).toBe(200);
    const page = await inbox.text();
    expect(page).toContain('<a href="/messages/1">Weekly digest: &lt;Demo&gt; plan</a>');
    expect(page).toContain('demo@goalpost.local, team@example.com');

    const html = await fetch(new URL('/messages/1', catcher.inboxUrl));
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(await html.text()).toContain('<p>HTML part');
    expect(await (await fetch(new URL('/messages/1.txt', catcher.inboxUrl))).text()).toBe('Plain text part');
    expect((await fetch(new URL('/messages/2', catcher.inboxUrl))).status).toBe(404);
    expect((await fetch(catcher.inboxUrl, { method: 'POST' })).status).toBe(405);
  });
});
