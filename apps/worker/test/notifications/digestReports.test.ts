import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@goalpost/db';
import { reportWords } from '@goalpost/reports';
import { ensureInstalled } from '@goalpost/devstack';
import { createTestDatabase, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigests } from '../../src/processors/digestSweep.ts';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalReceiver, type LocalReceiver } from './localReceiver.ts';
import { startLocalInbox, type LocalInbox } from './localInbox.ts';
import { addChannel, newWebhookSecret, notificationWorkerEnv } from './notificationFixture.ts';

/** The text of a PDF as Debian's poppler-utils reads it (installed when missing, as the gateway's report tests do). */
function pdfText(pdf: Buffer): string {
  ensureInstalled({ command: 'pdftotext', apt: 'poppler-utils', brew: 'poppler', manual: 'install poppler-utils (pdftotext) to run this test' }, (m) => console.log(m));
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-digest-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const globalPlanId = (uuid: string) => Buffer.from(`Plan:${uuid}`).toString('base64');

describe('report files with the weekly digest', () => {
  const prefix = uniquePrefix('digestreports');
  // Before the send time when the worker starts (its own digest sweep runs then); the test moves it to 09:00.
  let now = new Date('2026-12-07T08:59:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let app: WorkerApp;
  let smtp: LocalInbox;
  let receiver: LocalReceiver;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    smtp = await startLocalInbox();
    receiver = await startLocalReceiver(() => ({ status: 200, body: 'ok' }));
    app = createWorkerApp(notificationWorkerEnv(database.url, prefix, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Goalpost <digest@goalpost.test>',
    }), { now: () => now });
    await app.start();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await smtp?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function seed(handle: string, attachReports?: string[]) {
    const fixture = await seedPlan(db, {
      account: { platform: 'INSTAGRAM', handle, source: 'CONNECTOR' },
      plan: { startsOn: '2026-10-01', endsOn: '2026-12-31', settings: { digest: { timeZone: 'UTC', ...(attachReports && { attachReports }) } } },
      objective: { startsOn: '2026-10-01', deadline: '2026-12-31', title: `Grow ${handle} à la une` },
      keyResults: [{ metric: 'followers', baseline: 1000, target: 2000 }],
    });
    await db.updateTable('plans').set({ created_at: new Date('2026-10-01T00:00:00Z') }).where('id', '=', fixture.plan.id).execute();
    await db.updateTable('objectives').set({ status: 'AT_RISK' }).where('id', '=', fixture.objective.id).execute();
    await db.updateTable('key_results').set({ status: 'AT_RISK', current: 1300 }).where('id', '=', fixture.keyResults[0]!.id).execute();
    return fixture;
  }

  it('attaches the PDF and both CSV files to the e-mail, and links to the report from webhooks and Slack, when the plan asks', async () => {
    const asked = await seed('@reports', ['PDF', 'CSV']);
    const plain = await seed('@plain');
    await addChannel(db, asked.workspace.id, { kind: 'EMAIL', emails: ['lead@example.com'], events: ['WEEKLY_DIGEST'] }, now);
    await addChannel(db, asked.workspace.id, { kind: 'WEBHOOK', url: receiver.url('/hook'), secret, events: ['WEEKLY_DIGEST'] }, now);
    await addChannel(db, asked.workspace.id, { kind: 'SLACK', url: receiver.url('/slack'), events: ['WEEKLY_DIGEST'] }, now);
    await addChannel(db, plain.workspace.id, { kind: 'EMAIL', emails: ['plain@example.com'], events: ['WEEKLY_DIGEST'] }, now);

    now = new Date('2026-12-07T09:00:00Z');
    // This sweep, or the worker's own tick racing it, claims both weeks: either way once.
    await sendDigests(app.deps);
    expect(await db.selectFrom('plan_digests').select('plan_id').where('plan_id', 'in', [asked.plan.id, plain.plan.id]).execute()).toHaveLength(2);
    await eventually('both digest e-mails', async () => smtp.mails.length === 2);
    const mail = smtp.mails.find((m) => m.text?.includes('Grow @reports'))!;
    const withoutReports = smtp.mails.find((m) => m.text?.includes('Grow @plain'))!;
    expect(withoutReports.attachments).toEqual([]);

    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Social plan.pdf', 'application/pdf'],
      ['Social plan.csv', 'text/csv'],
      ['Social plan series.csv', 'text/csv'],
    ]);
    const [pdf, csv, series] = mail.attachments;
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf!.content);
    expect(text).toContain('Grow @reports à la une');
    // The report reads the plan as it stands when the e-mail is sent (the worker's own evaluation sweep may have run since the seed).
    const statusWords = Object.values(reportWords.en.status).join('|');
    expect(text).toMatch(new RegExp(`Grow @reports à la une — (${statusWords})`));
    const rows = csv!.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^plan,goal,objective,objective_id,key_result_id,key_result,metric,scope,status,baseline,current,target/);
    expect(rows.slice(1)).toEqual([expect.stringContaining('Social plan,More customers,Grow @reports à la une,')]);
    // A cell a spreadsheet would run as a formula (the handle's "@") is quoted, as the download is.
    expect(rows[1]).toMatch(/,followers,'@reports,[A-Z_]+,1000,1300,2000,/);
    expect(series!.content.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('plan,objective,key_result_id,key_result,metric,day,value,expected');

    const reportUrl = `https://goalpost.test/reports/plans/${encodeURIComponent(globalPlanId(asked.plan.id))}`;
    const hook = await eventually('the webhook', async () => receiver.received.find((r) => r.path === '/hook'));
    const body = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as { data: Record<string, unknown> };
    expect(body.data.reports).toEqual({ pdf: `${reportUrl}.pdf`, csv: `${reportUrl}.csv`, csvSeries: `${reportUrl}.csv?part=series` });
    expect(body.data).not.toHaveProperty('attachReports');
    const slack = await eventually('the Slack message', async () => receiver.received.find((r) => r.path === '/slack'));
    const actions = (JSON.parse(slack.body) as { blocks: { type: string; elements?: { url: string }[] }[] }).blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => e.url)).toEqual([`https://goalpost.test/?plan=${asked.plan.id}`, `${reportUrl}.pdf`, `${reportUrl}.csv`]);
  });
});
