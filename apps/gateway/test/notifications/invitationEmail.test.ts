import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { parseCredentialKeys } from '@goalpost/credentials';
import { testRedisUrl, eventually } from '@goalpost/devstack/testing';
import { createWorkerApp, readWorkerEnv, type WorkerApp } from '@goalpost/worker';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type Credentials, type TeamsHarness } from '../teams/teamsKit.ts';

const credentialsKeys = `k1:${randomBytes(32).toString('base64')}`;

describe('invitations by e-mail', () => {
  let h: TeamsHarness;
  let worker: WorkerApp;
  let smtp: SMTPServer;
  let owner: Credentials;
  const inbox: ParsedMail[] = [];

  beforeAll(async () => {
    h = await startTeamsHarness('invitemail', { connections: { credentialKeys: parseCredentialKeys(credentialsKeys) } });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          inbox.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    worker = createWorkerApp(readWorkerEnv({
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: h.queuePrefix,
      LIVE_NAMESPACE: h.liveNamespace,
      LOG_LEVEL: 'silent',
      CREDENTIALS_KEYS: credentialsKeys,
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      REFRESH_EVERY_MS: '3600000',
      SWEEP_EVERY_MS: '3600000',
      DIGEST_SWEEP_EVERY_MS: '3600000',
    }));
    await worker.start();
    owner = { cookie: (await h.signUp('owner@example.com', 'a long enough passphrase', 'Olivia Owner')).cookie };
  });
  afterAll(async () => {
    await worker?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await h?.close();
  });

  it('e-mails the link inviteMember answers to the invitee, once, and the link signs them in', async () => {
    const invitation = await h.invite(owner, 'New.Person@Example.com', 'EDITOR');
    const mail = await eventually('the invitation e-mail', () => inbox[0], 20_000);
    expect(mail, 'the invitation e-mail').toBeDefined();
    expect((Array.isArray(mail!.to) ? mail!.to : [mail!.to]).flatMap((t) => t!.value.map((v) => v.address))).toEqual(['new.person@example.com']);
    expect(mail!.subject).toMatch(/^Olivia Owner invited you to .+ on Goalpost$/);
    expect(mail!.text).toContain(invitation.url);
    expect(mail!.html).toContain(`href="${invitation.url}"`);
    // The job carried the link sealed, never in clear.
    const job = await h.deps.queues.invitationMail.getJob(`invitation-mail-${(await h.deps.db.selectFrom('invitations').select('id').executeTakeFirstOrThrow()).id}`);
    expect(JSON.stringify(job?.data)).not.toContain(invitation.token);
    const accepted = await h.accept(invitation.token, { name: 'New Person', password: 'a long enough passphrase' });
    expect(accepted.body.data.acceptInvitation.__typename).toBe('SignInSuccess');
    expect(inbox).toHaveLength(1);
  });
});
