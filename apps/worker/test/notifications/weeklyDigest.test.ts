import { createDb, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigests } from '../../src/processors/digestSweep.ts';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalReceiver, type LocalReceiver } from './localReceiver.ts';
import { startLocalInbox, type LocalInbox } from './localInbox.ts';
import { addChannel, newWebhookSecret, notificationWorkerEnv } from './notificationFixture.ts';

/** Monday 2026-12-07, 09:00 in Berlin (CET) is 08:00 UTC; the week covered starts Monday 2026-11-30. */
const sendAt = new Date('2026-12-07T08:00:00Z');

describe('weekly digests', () => {
  const prefix = uniquePrefix('digest');
  let now = new Date('2026-12-07T07:59:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let app: WorkerApp;
  let smtp: LocalInbox;
  let receiver: LocalReceiver;
  const secret = newWebhookSecret();

  const startApp = async () => {
    const started = createWorkerApp(notificationWorkerEnv(database.url, prefix, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Goalpost <digest@goalpost.test>',
    }), { now: () => now });
    await started.start();
    return started;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    smtp = await startLocalInbox();
    receiver = await startLocalReceiver(() => ({ status: 200, body: 'ok' }));
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await smtp?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function seedDigestPlan(handle: string) {
    const fixture = await seedPlan(db, {
      account: { platform: 'INSTAGRAM', handle, source: 'CONNECTOR' },
      plan: { startsOn: '2026-10-01', endsOn: '2026-12-31', settings: { digest: { timeZone: 'Europe/Berlin' } } },
      objective: { startsOn: '2026-10-01', deadline: '2026-12-31', title: `Grow ${handle}` },
      keyResults: [{ metric: 'followers', baseline: 1000, target: 2000 }],
    });
    const ws = fixture.workspace.id;
    const kr = fixture.keyResults[0]!;
    // Made before the weeks the test sends (a plan made after a week's send time waits for the next).
    await db.updateTable('plans').set({ created_at: new Date('2026-10-01T00:00:00Z') }).where('id', '=', fixture.plan.id).execute();
    await db.updateTable('social_accounts').set({ status: 'NEEDS_REAUTH' }).where('id', '=', fixture.account.id).execute();
    await db.updateTable('objectives').set({ status: 'OFF_TRACK', budget_amount: 9200, budget_currency: 'EUR' }).where('id', '=', fixture.objective.id).execute();
    await db.updateTable('key_results').set({
      status: 'OFF_TRACK', current: 1200,
      forecast: JSON.stringify({ value: 1500, low: 1400, high: 1600, confidence: 0.8, method: 'linear', trendPerDay: 10 }),
    }).where('id', '=', kr.id).execute();
    const evaluation = (day: string, status: string) => ({
      workspace_id: ws, key_result_id: kr.id, evaluated_on: day, evaluated_at: new Date(`${day}T06:00:00Z`), status, current: 1200, progress: 0.2, expected_progress: 0.7, forecast: null,
    });
    await db.insertInto('key_result_evaluations').values([evaluation('2026-11-27', 'ON_TRACK'), evaluation('2026-12-02', 'AT_RISK'), evaluation('2026-12-04', 'OFF_TRACK')]).execute();
    await db.insertInto('check_ins').values({ workspace_id: ws, key_result_id: kr.id, confidence: 4, note: 'Paid push <paused>', created_at: new Date('2026-12-03T10:00:00Z') }).execute();
    await db.insertInto('metric_points').values({ workspace_id: ws, account_id: fixture.account.id, metric: 'spend', bucket_start: '2026-12-01', value: 300, source: 'PUSH', recorded_at: now }).execute();
    return fixture;
  }

  it('sends each plan\'s digest once at its hour, by e-mail, Slack and signed webhook, and never again that week', async () => {
    const { workspace, plan } = await seedDigestPlan('@digest');
    const ws = workspace.id;
    const email = await addChannel(db, ws, { kind: 'EMAIL', emails: ['lead@example.com'], events: ['WEEKLY_DIGEST'] }, now);
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/hook'), secret, events: ['WEEKLY_DIGEST'], minSeverity: 'CRITICAL' }, now);
    await addChannel(db, ws, { kind: 'SLACK', url: receiver.url('/slack'), events: ['WEEKLY_DIGEST'] }, now);
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/alerts-only'), secret, events: ['ALERT_RAISED'] }, now);

    // 08:59 in Berlin: not yet.
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 0 });
    now = sendAt;
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 1 });

    const [mail] = await eventually('the digest e-mail', async () => smtp.mails.length === 1 && smtp.mails);
    expect(mail!.subject).toBe('Weekly digest: Social plan — week of 2026-12-07 (1 needs attention)');
    const text = mail!.text!;
    expect(text).toContain('Followers ("Grow @digest"): on track → at risk on 2026-12-02');
    expect(text).toContain('Followers ("Grow @digest"): at risk → off track on 2026-12-04');
    expect(text).toContain('Followers ("Grow @digest"): 1,200 of 2,000, off track; forecast 1,500 (1,400–1,600, 80% confidence); realistic target');
    expect(text).toContain('Someone on Followers ("Grow @digest"): confidence 4/10 — "Paid push <paused>"');
    expect(text).toContain('EUR: 300 spent of 9,200');
    expect(text).toContain('INSTAGRAM account @digest needs to be authorized again');
    expect(text).toContain(`Open the plan in Goalpost: https://goalpost.test/?plan=${plan.id}`);
    // Text of the plan is never markup in the HTML part.
    expect(mail!.html).toContain('Paid push &lt;paused&gt;');
    expect(mail!.html).toContain('<h3 style="margin:20px 0 6px;font-size:15px">Needs attention</h3>');

    const hook = await eventually('the webhook', async () => receiver.received.find((r) => r.path === '/hook'));
    const body = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe('plan.weekly_digest');
    expect(body.data).toMatchObject({ plan: { id: plan.id, name: 'Social plan' }, isoWeek: '2026-W50', weekOf: '2026-12-07', from: '2026-11-30T08:00:00.000Z', to: sendAt.toISOString() });
    expect((body.data.needsAttention as unknown[]).length).toBe(1);
    const slack = await eventually('the Slack message', async () => receiver.received.find((r) => r.path === '/slack'));
    const blocks = (JSON.parse(slack.body) as { blocks: { type: string; text?: { text: string } }[] }).blocks;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly digest: Social plan — week of 2026-12-07 (1 needs attention)' } });
    expect(blocks.some((b) => b.type === 'section' && b.text?.text.startsWith('*Status changes*\n• Followers'))).toBe(true);
    expect(receiver.received.some((r) => r.path === '/alerts-only')).toBe(false);

    await eventually('every delivery delivered', async () => {
      const rows = await db.selectFrom('notification_deliveries').select('status').where('workspace_id', '=', ws).where('event', '=', 'WEEKLY_DIGEST').execute();
      return rows.length === 3 && rows.every((r) => r.status === 'DELIVERED');
    });
    const claim = await db.selectFrom('plan_digests').selectAll().where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ iso_week: '2026-W50', week_of: '2026-12-07', deliveries: 3 });
    expect(claim.fanned_out_at).not.toBeNull();

    // Later that week, and after a worker restart: the week is taken.
    now = new Date('2026-12-10T12:00:00Z');
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 0 });
    await app.close();
    app = await startApp();
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 0, requeued: 0 });

    // A second plan whose claim was made but whose job was lost (a crash right after the claim): the
    // sweep enqueues it again, and its mail, arriving after, proves the first plan got no second one.
    const second = await seedDigestPlan('@lost');
    await addChannel(db, second.workspace.id, { kind: 'EMAIL', emails: ['second@example.com'], events: ['WEEKLY_DIGEST'] }, now);
    await db.insertInto('plan_digests').values({ workspace_id: second.workspace.id, plan_id: second.plan.id, iso_week: '2026-W50', week_of: '2026-12-07', created_at: sendAt }).execute();
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 0, requeued: 1 });
    await eventually('the lost digest', async () => smtp.mails.length === 2);
    expect(smtp.mails[1]!.subject).toContain('week of 2026-12-07');
    expect(smtp.mails.filter((m) => m.text?.includes('Grow @digest'))).toHaveLength(1);
    expect(await db.selectFrom('notification_deliveries').select('id').where('channel_id', '=', email.id).execute()).toHaveLength(1);

    // A plan made after this week's send time starts with the next week's digest.
    const late = await seedDigestPlan('@late');
    await db.updateTable('plans').set({ created_at: new Date('2026-12-09T00:00:00Z') }).where('id', '=', late.plan.id).execute();
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 0 });

    // The next week is its own.
    now = new Date('2026-12-14T08:00:00Z');
    expect(await sendDigests(app.deps)).toMatchObject({ claimed: 3 });
    await eventually('the next week\'s digests', async () => smtp.mails.length === 4);
  });
});
