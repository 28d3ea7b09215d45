import { createUnsubscribeTokens, parseCredentialKeys } from '@goalpost/credentials';
import { addEmailOptOut, createDb, insertAlertOnce, listDeliveryAttempts, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalInbox, type LocalInbox } from './localInbox.ts';
import { addChannel, credentialsKeys, notificationWorkerEnv } from './notificationFixture.ts';

describe('e-mail deliveries', () => {
  const prefix = uniquePrefix('mail');
  const now = new Date('2026-03-15T06:00:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let app: WorkerApp;
  let smtp: LocalInbox;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    // A real SMTP server on loopback: no TLS offered, no login needed.
    smtp = await startLocalInbox({
      refuse: (address, asked) => {
        if (address.startsWith('nobody@')) return 550;
        // Busy the first time only: a temporary refusal (451) halfway through a channel's list.
        if (address.startsWith('busy@') && asked.filter((a) => a === address).length === 1) return 451;
        return undefined;
      },
    });
    app = createWorkerApp(notificationWorkerEnv(database.url, prefix, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Goalpost <alerts@goalpost.test>',
      NOTIFY_RETRY_BASE_MS: '50',
    }), { now: () => now });
    await app.start();
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function raiseAlert(handle: string) {
    const { workspace, plan, objective, keyResults } = await seedPlan(db, {
      account: { platform: 'X', handle, source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30', title: 'Grow <the> audience & reach' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const alert = (await insertAlertOnce(db, workspace.id, {
      planId: plan.id, objectiveId: objective.id, keyResultId: keyResults[0]!.id, accountId: null,
      kind: 'OFF_TRACK', severity: 'CRITICAL', message: 'Followers are far behind the expected path', dedupKey: `kr:${keyResults[0]!.id}:OFF_TRACK:2026-W11`,
    }))!;
    return { workspace, plan, alert };
  }

  it('sends an alert as HTML and plain text with a link back, one message per recipient with its own unsubscribe link', async () => {
    const { workspace, plan, alert } = await raiseAlert('@mailed');
    const channel = await addChannel(db, workspace.id, { kind: 'EMAIL', emails: ['lead@example.com', 'Team@Example.com', 'quiet@example.com'] }, now);
    // quiet@ turned alert e-mails off in this workspace (updateEmailPreferences or an earlier link).
    await addEmailOptOut(db, workspace.id, 'quiet@example.com', 'ALERT_RAISED', now);
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });
    const [delivery] = await eventually('the delivery logged', async () => {
      const rows = await db.selectFrom('notification_deliveries').selectAll().where('channel_id', '=', channel.id).execute();
      return rows[0]?.status === 'DELIVERED' && rows;
    });
    expect(delivery).toMatchObject({ attempts: 1, last_status_code: 250 });
    const mails = smtp.mails.splice(0);
    const recipients = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address));
    expect(mails.map((m) => recipients(m).map((a) => a?.toLowerCase()))).toEqual([['lead@example.com'], ['team@example.com']]);
    const tokens = createUnsubscribeTokens(parseCredentialKeys(credentialsKeys));
    for (const mail of mails) {
      expect(mail.from?.value).toEqual([{ name: 'Goalpost', address: 'alerts@goalpost.test' }]);
      expect(mail.subject).toBe('Critical: off track — Grow <the> audience & reach');
      const link = `https://goalpost.test/?plan=${plan.id}&alert=${alert.id}`;
      expect(mail.text).toContain('Followers are far behind the expected path');
      expect(mail.text).toContain('Key result: followers');
      expect(mail.text).toContain(`Open in Goalpost: ${link}`);
      expect(mail.html).toContain(`<a href="${link.replace(/&/g, '&amp;')}">Open in Goalpost</a>`);
      // The objective's title is text in the HTML, never markup.
      expect(mail.html).toContain('Grow &lt;the&gt; audience &amp; reach');
      // The recipient's own signed link, in the body and as one-click headers (RFC 8058).
      const unsubscribe = /Stop these alert e-mails from this workspace: (\S+)/.exec(mail.text!)![1]!;
      const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
      expect(header('list-unsubscribe')).toBe(`<${unsubscribe}>`);
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.html).toContain(`href="${unsubscribe}"`);
      const token = new URL(unsubscribe).searchParams.get('token')!;
      expect(tokens.verify(token)).toEqual({ workspaceId: workspace.id, email: recipients(mail)[0]!.toLowerCase(), event: 'ALERT_RAISED' });
    }
    expect(smtp.recipients.filter((a) => a === 'quiet@example.com')).toEqual([]);
  });

  it('retries after a temporary refusal halfway through the list, sending to the rest only', async () => {
    const { workspace, alert } = await raiseAlert('@busy');
    const channel = await addChannel(db, workspace.id, { kind: 'EMAIL', emails: ['first@example.com', 'busy@example.com', 'last@example.com'] }, now);
    smtp.mails.splice(0);
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });
    const [delivery] = await eventually('the delivery delivered on its second attempt', async () => {
      const rows = await db.selectFrom('notification_deliveries').selectAll().where('channel_id', '=', channel.id).execute();
      return rows[0]?.status === 'DELIVERED' && rows;
    });
    expect(delivery).toMatchObject({ attempts: 2, sent_to: ['first@example.com', 'busy@example.com', 'last@example.com'] });
    const to = smtp.mails.map((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address)));
    expect(to).toEqual([['first@example.com'], ['busy@example.com'], ['last@example.com']]);
    expect((await listDeliveryAttempts(db, delivery!.id)).map((a) => a.status_code)).toEqual([451, 250]);
  });

  it('does not retry a mailbox the server refuses (550)', async () => {
    const { workspace, alert } = await raiseAlert('@bounced');
    const channel = await addChannel(db, workspace.id, { kind: 'EMAIL', emails: ['nobody@example.com'] }, now);
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });
    const [delivery] = await eventually('the delivery to fail', async () => {
      const rows = await db.selectFrom('notification_deliveries').selectAll().where('channel_id', '=', channel.id).execute();
      return rows[0]?.status === 'FAILED' && rows;
    });
    expect(delivery).toMatchObject({ attempts: 1, last_status_code: 550, last_error: 'the mail server answered 550' });
    expect(await listDeliveryAttempts(db, delivery!.id)).toHaveLength(1);
    expect(smtp.recipients.filter((a) => a === 'nobody@example.com')).toHaveLength(1);
  });
});
