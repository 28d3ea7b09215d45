import { claimPlanDigest, digestScheduleOf, findPlans, readPlanDigest } from '@goalpost/db';
import {
  dayInZone, digestWeek, type DigestBudget, type DigestCheckIn, type DigestDataProblem, type DigestForecast, type DigestKeyResult, type DigestSchedule,
  type DigestStatusChange, type ObjectiveStatus, type WeeklyDigest,
} from '@goalpost/domain';
import { workspaceOf } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { DigestReportFormatEnum, WeekdayEnum } from './digestScheduleInput.ts';
import { ObjectiveStatusEnum } from './enums.ts';
import { localId } from './globalIds.ts';
import { PlanNode } from './plan.ts';

const DigestScheduleRef = builder.objectRef<DigestSchedule>('DigestSchedule').implement({
  description: 'When the plan\'s weekly digest goes out: a weekday and hour on the plan\'s clock.',
  fields: (t) => ({
    weekday: t.field({ type: WeekdayEnum, resolve: (s) => s.weekday }),
    hour: t.exposeInt('hour', { description: '0–23 in timeZone.' }),
    timeZone: t.exposeString('timeZone', { description: 'An IANA time zone name.' }),
    enabled: t.exposeBoolean('enabled'),
    attachReports: t.field({ type: [DigestReportFormatEnum], description: 'The plan report files the digest e-mail attaches.', resolve: (s) => s.attachReports }),
  }),
});

const status = (s: string) => s as ObjectiveStatus;

const DigestStatusChangeRef = builder.objectRef<DigestStatusChange>('DigestStatusChange').implement({
  fields: (t) => ({
    subject: t.string({ description: 'OBJECTIVE or KEY_RESULT.', resolve: (c) => c.subject }),
    subjectId: t.id({ description: 'The objective\'s or key result\'s own id (not a global id).', resolve: (c) => c.id }),
    title: t.exposeString('title', { description: 'The objective\'s title, or the key result\'s metric.' }),
    objectiveTitle: t.exposeString('objectiveTitle'),
    from: t.field({ type: ObjectiveStatusEnum, resolve: (c) => status(c.from) }),
    to: t.field({ type: ObjectiveStatusEnum, resolve: (c) => status(c.to) }),
    on: t.field({ type: 'Date', nullable: true, description: 'The evaluation that changed it (objectives: null, changed over the week).', resolve: (c) => c.on }),
  }),
});

const DigestForecastRef = builder.objectRef<DigestForecast>('DigestForecast').implement({
  fields: (t) => ({
    value: t.exposeFloat('value'),
    low: t.exposeFloat('low'),
    high: t.exposeFloat('high'),
    confidence: t.exposeFloat('confidence'),
  }),
});

const DigestKeyResultRef = builder.objectRef<DigestKeyResult>('DigestKeyResult').implement({
  fields: (t) => ({
    keyResultId: t.id({ resolve: (k) => k.id }),
    objectiveTitle: t.exposeString('objectiveTitle'),
    metric: t.exposeString('metric'),
    status: t.field({ type: ObjectiveStatusEnum, resolve: (k) => k.status }),
    current: t.exposeFloat('current', { nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
    forecast: t.field({ type: DigestForecastRef, nullable: true, resolve: (k) => k.forecast }),
    realisticTarget: t.exposeFloat('realisticTarget', { nullable: true, description: 'Reachable by the deadline at a realistic pace (1.5× the current trend) from where it stands.' }),
  }),
});

const DigestCheckInRef = builder.objectRef<DigestCheckIn>('DigestCheckIn').implement({
  fields: (t) => ({
    keyResultId: t.id({ resolve: (c) => c.keyResultId }),
    metric: t.exposeString('metric'),
    objectiveTitle: t.exposeString('objectiveTitle'),
    at: t.field({ type: 'DateTime', resolve: (c) => new Date(c.at) }),
    confidence: t.exposeInt('confidence', { description: '1–10.' }),
    note: t.exposeString('note', { nullable: true }),
    author: t.exposeString('author', { nullable: true }),
  }),
});

const DigestBudgetRef = builder.objectRef<DigestBudget>('DigestBudget').implement({
  fields: (t) => ({
    currency: t.exposeString('currency'),
    budget: t.exposeFloat('budget', { description: 'The objectives\' budgets in this currency, summed.' }),
    spentToDate: t.exposeFloat('spentToDate', { description: 'The workspace\'s spend since the plan began, through the week.' }),
    spentThisWeek: t.exposeFloat('spentThisWeek'),
    plannedToDate: t.exposeFloat('plannedToDate', { description: 'The budget spread evenly over the plan\'s days, up to the end of the week.' }),
  }),
});

const DigestDataProblemRef = builder.objectRef<DigestDataProblem>('DigestDataProblem').implement({
  fields: (t) => ({
    kind: t.string({ description: 'STALE_ACCOUNT, NEEDS_REAUTH or DEPRECATED_METRIC.', resolve: (p) => p.kind }),
    subjectId: t.id({ description: 'The account\'s or key result\'s own id.', resolve: (p) => p.subjectId }),
    message: t.exposeString('message'),
  }),
});

const DigestCountsRef = builder.objectRef<WeeklyDigest['counts']>('DigestCounts').implement({
  fields: (t) => ({
    objectives: t.exposeInt('objectives'),
    keyResults: t.exposeInt('keyResults'),
    onTrack: t.exposeInt('onTrack'),
    atRisk: t.exposeInt('atRisk'),
    offTrack: t.exposeInt('offTrack'),
    achieved: t.exposeInt('achieved'),
  }),
});

const DigestRef = builder.objectRef<WeeklyDigest>('Digest').implement({
  description: 'A plan\'s weekly digest: the same content e-mail, Slack and webhooks receive.',
  fields: (t) => ({
    weekOf: t.field({ type: 'Date', description: 'The Monday of the ISO week it is sent in (on the plan\'s clock).', resolve: (d) => d.weekOf }),
    isoWeek: t.exposeString('isoWeek'),
    from: t.field({ type: 'DateTime', resolve: (d) => new Date(d.from) }),
    to: t.field({ type: 'DateTime', description: 'The send time; the digest covers the seven days before it.', resolve: (d) => new Date(d.to) }),
    statusChanges: t.field({ type: [DigestStatusChangeRef], resolve: (d) => d.statusChanges }),
    needsAttention: t.field({ type: [DigestKeyResultRef], description: 'AT_RISK and OFF_TRACK key results, worst first.', resolve: (d) => d.needsAttention }),
    achieved: t.field({ type: [DigestKeyResultRef], resolve: (d) => d.achieved }),
    checkIns: t.field({ type: [DigestCheckInRef], resolve: (d) => d.checkIns }),
    budget: t.field({ type: [DigestBudgetRef], resolve: (d) => d.budget }),
    dataProblems: t.field({ type: [DigestDataProblemRef], resolve: (d) => d.dataProblems }),
    counts: t.field({ type: DigestCountsRef, resolve: (d) => d.counts }),
  }),
});

builder.objectFields(PlanNode, (t) => ({
  digestSchedule: t.field({ type: DigestScheduleRef, resolve: (p) => digestScheduleOf(p) }),
  digest: t.field({
    type: DigestRef,
    nullable: true,
    description: 'The weekly digest of the ISO week containing weekOf (a day on the plan\'s clock; default: this week), as of now.',
    args: { weekOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (p, args, ctx) => {
      const weekOf = args.weekOf ?? dayInZone(ctx.now(), digestScheduleOf(p).timeZone);
      return (await readPlanDigest(ctx.db, workspaceOf(ctx), p.id, weekOf, ctx.now())) ?? null;
    },
  }),
}));

builder.mutationFields((t) => ({
  sendPlanDigest: t.field({
    authScopes: { editor: true },
    description: 'Sends the plan\'s digest of the week containing weekOf (default: this week) to its channels now, unless that week\'s was sent already: a week is sent once.',
    type: builder.simpleObject('SendPlanDigestSuccess', {
      fields: (f) => ({
        plan: f.field({ type: PlanNode }),
        isoWeek: f.string(),
        queued: f.boolean({ description: 'False when the week\'s digest was already sent (or is being sent).' }),
      }),
    }),
    errors: {},
    args: { id: t.arg.id({ required: true }), weekOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'Plan', 'id');
      const [plan] = await findPlans(ctx.db, ws, [id]);
      if (!plan) throw new NotFoundError(`No plan ${args.id} in your workspace.`, String(args.id));
      const schedule = digestScheduleOf(plan);
      const week = digestWeek(schedule, args.weekOf ?? dayInZone(ctx.now(), schedule.timeZone));
      if (week.from.getTime() > ctx.now().getTime()) {
        throw InputError.of([{ field: 'weekOf', rule: 'not-future', message: `must be a day of a week that has begun; the digest of ${week.isoWeek} covers from ${week.from.toISOString()}` }]);
      }
      const claim = { planId: id, isoWeek: week.isoWeek, weekOf: week.weekOf };
      const queued = await claimPlanDigest(ctx.db, ws, claim, ctx.now());
      // A claim whose enqueue fails here is queued by the worker's send-digests sweep.
      if (queued) await ctx.queues.enqueuePlanDigest({ workspaceId: ws, ...claim }).catch(() => {});
      return { plan, isoWeek: week.isoWeek, queued };
    },
  }),
}));
