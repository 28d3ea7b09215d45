import { findMetric } from '../catalog/metricCatalog.ts';
import { findDeprecation, isDeprecatedOn } from '../catalog/platformMetricDeprecations.ts';
import { objectiveStatus, statusSeverity } from '../evaluation/objectiveStatus.ts';
import { realisticFix } from '../smart/realisticFix.ts';
import { addDays, daysBetween, dayOf } from '../time/calendarDays.ts';
import type { Direction, IsoDate, ObjectiveStatus } from '../vocabulary.ts';
import type { DigestWeek } from './digestSchedule.ts';

export interface DigestForecast { value: number; low: number; high: number; confidence: number; trendPerDay?: number | undefined }

/** Everything a digest reads, as plain values (the repository reads them in a few statements). */
export interface WeeklyDigestInput {
  plan: { id: string; name: string; startsOn: IsoDate; endsOn: IsoDate };
  week: DigestWeek;
  /** What the digest is as of: the send time, or now for a preview of a week not over yet. */
  asOf: Date;
  staleAfterDays: number;
  objectives: readonly { id: string; title: string; status: string; score: number | null; deadline: IsoDate; budget: { amount: number; currency: string } | null }[];
  keyResults: readonly {
    id: string;
    objectiveId: string;
    metric: string;
    platform: string | null;
    direction: string;
    status: string;
    current: number | null;
    target: number | null;
    forecast: DigestForecast | null;
  }[];
  /** Each key result's evaluations from the last one before the week through the week, any order. */
  evaluations: readonly { keyResultId: string; day: IsoDate; status: string }[];
  /** Confidence 1–10, as check-ins record it. */
  checkIns: readonly { keyResultId: string; at: Date; confidence: number; note: string | null; author: string | null }[];
  accounts: readonly { id: string; handle: string; platform: string; source: string; status: string; lastSyncedAt: Date | null }[];
  /** The workspace's `spend` summed per day, from the plan's start through the week. */
  spendByDay: readonly { day: IsoDate; value: number }[];
}

export interface DigestStatusChange {
  subject: 'OBJECTIVE' | 'KEY_RESULT';
  id: string;
  title: string;
  objectiveTitle: string;
  from: ObjectiveStatus;
  to: ObjectiveStatus;
  /** The day of the evaluation that changed it (objectives: the last of the week's). */
  on: IsoDate | null;
}

export interface DigestKeyResult {
  id: string;
  objectiveTitle: string;
  metric: string;
  status: ObjectiveStatus;
  current: number | null;
  target: number | null;
  forecast: DigestForecast | null;
  /** What is reachable by the deadline at a realistic pace from here (1.5× the current trend); null when the trend does not move toward the target. */
  realisticTarget: number | null;
}

export interface DigestCheckIn { keyResultId: string; metric: string; objectiveTitle: string; at: string; confidence: number; note: string | null; author: string | null }

export interface DigestBudget {
  currency: string;
  budget: number;
  /** The `spend` recorded since the plan started, through the week (the workspace's, as spend is not per objective). */
  spentToDate: number;
  spentThisWeek: number;
  /** The budget spread evenly over the plan's days, up to the end of the week. */
  plannedToDate: number;
}

export interface DigestDataProblem {
  kind: 'STALE_ACCOUNT' | 'NEEDS_REAUTH' | 'DEPRECATED_METRIC';
  subjectId: string;
  message: string;
}

export interface WeeklyDigest {
  plan: { id: string; name: string };
  weekOf: IsoDate;
  isoWeek: string;
  from: string;
  to: string;
  statusChanges: DigestStatusChange[];
  /** AT_RISK and OFF_TRACK key results, worst first. */
  needsAttention: DigestKeyResult[];
  /** Key results whose status became ACHIEVED this week. */
  achieved: DigestKeyResult[];
  checkIns: DigestCheckIn[];
  budget: DigestBudget[];
  dataProblems: DigestDataProblem[];
  counts: { objectives: number; keyResults: number; onTrack: number; atRisk: number; offTrack: number; achieved: number };
}

const asStatus = (s: string) => s as ObjectiveStatus;

/**
 * A plan's week in one value (seed 003: report progress regularly): what changed status, what needs
 * attention with its forecast and a realistic target, what was achieved, the check-ins, budget against
 * plan, and the data problems that make the numbers less trustworthy. Pure; the same for the preview,
 * e-mail, Slack and webhooks.
 */
export function weeklyDigest(input: WeeklyDigestInput): WeeklyDigest {
  const { week } = input;
  const fromDay = dayOf(week.from);
  const toDay = dayOf(week.to);
  const objectiveById = new Map(input.objectives.map((o) => [o.id, o]));
  const metricLabel = (metric: string) => findMetric(metric)?.label ?? metric;

  // Status as of the week's start (the last evaluation before it), then each change the week's evaluations made.
  const history = new Map<string, { day: IsoDate; status: string }[]>();
  for (const e of input.evaluations) {
    const list = history.get(e.keyResultId) ?? [];
    list.push(e);
    history.set(e.keyResultId, list);
  }
  const statusChanges: DigestStatusChange[] = [];
  const startStatus = new Map<string, ObjectiveStatus>();
  const becameAchieved = new Set<string>();
  for (const kr of input.keyResults) {
    const objective = objectiveById.get(kr.objectiveId);
    const evaluations = (history.get(kr.id) ?? []).slice().sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const before = evaluations.filter((e) => e.day < fromDay).at(-1);
    let previous = asStatus(before?.status ?? 'NOT_STARTED');
    startStatus.set(kr.id, previous);
    for (const e of evaluations.filter((e) => e.day >= fromDay && e.day <= toDay)) {
      if (e.status !== previous) {
        statusChanges.push({ subject: 'KEY_RESULT', id: kr.id, title: metricLabel(kr.metric), objectiveTitle: objective?.title ?? '', from: previous, to: asStatus(e.status), on: e.day });
        if (e.status === 'ACHIEVED') becameAchieved.add(kr.id);
        previous = asStatus(e.status);
      }
    }
  }
  for (const objective of input.objectives) {
    const own = input.keyResults.filter((k) => k.objectiveId === objective.id);
    if (own.length === 0) continue;
    const from = objectiveStatus(own.map((k) => startStatus.get(k.id) ?? 'NOT_STARTED'));
    const to = asStatus(objective.status);
    if (from !== to) statusChanges.push({ subject: 'OBJECTIVE', id: objective.id, title: objective.title, objectiveTitle: objective.title, from, to, on: null });
  }

  const describe = (kr: WeeklyDigestInput['keyResults'][number]): DigestKeyResult => {
    const objective = objectiveById.get(kr.objectiveId);
    const weeksLeft = objective ? Math.max(0, daysBetween(dayOf(input.asOf), objective.deadline)) / 7 : 0;
    const fix = kr.current !== null && kr.target !== null && kr.forecast?.trendPerDay !== undefined && (kr.direction === 'INCREASE' || kr.direction === 'DECREASE')
      ? realisticFix({ direction: kr.direction as Exclude<Direction, 'MAINTAIN'>, baseline: kr.current, target: kr.target, historicalWeeklyRate: kr.forecast.trendPerDay * 7, weeks: weeksLeft })
      : null;
    return {
      id: kr.id,
      objectiveTitle: objective?.title ?? '',
      metric: metricLabel(kr.metric),
      status: asStatus(kr.status),
      current: kr.current,
      target: kr.target,
      forecast: kr.forecast,
      realisticTarget: fix ? fix.target : null,
    };
  };
  const needsAttention = input.keyResults
    .filter((k) => k.status === 'AT_RISK' || k.status === 'OFF_TRACK')
    .map(describe)
    .sort((a, b) => statusSeverity(b.status) - statusSeverity(a.status));
  const achieved = input.keyResults.filter((k) => becameAchieved.has(k.id) || (k.status === 'ACHIEVED' && startStatus.get(k.id) !== 'ACHIEVED')).map(describe);

  const keyResultById = new Map(input.keyResults.map((k) => [k.id, k]));
  const checkIns = input.checkIns
    .filter((c) => c.at >= week.from && c.at < week.to)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((c) => {
      const kr = keyResultById.get(c.keyResultId);
      return {
        keyResultId: c.keyResultId,
        metric: kr ? metricLabel(kr.metric) : '',
        objectiveTitle: (kr && objectiveById.get(kr.objectiveId)?.title) ?? '',
        at: c.at.toISOString(),
        confidence: c.confidence,
        note: c.note,
        author: c.author,
      };
    });

  const budgets = new Map<string, number>();
  for (const o of input.objectives) if (o.budget) budgets.set(o.budget.currency, (budgets.get(o.budget.currency) ?? 0) + o.budget.amount);
  const lastDay = addDays(toDay, -1) < input.plan.endsOn ? addDays(toDay, -1) : input.plan.endsOn;
  const planDays = daysBetween(input.plan.startsOn, input.plan.endsOn) + 1;
  const elapsed = Math.min(planDays, Math.max(0, daysBetween(input.plan.startsOn, lastDay) + 1));
  const spend = input.spendByDay.filter((p) => p.day >= input.plan.startsOn && p.day < toDay);
  const spentToDate = spend.reduce((sum, p) => sum + p.value, 0);
  const spentThisWeek = spend.filter((p) => p.day >= fromDay).reduce((sum, p) => sum + p.value, 0);
  const budget = [...budgets].map(([currency, amount]) => ({
    currency,
    budget: amount,
    spentToDate,
    spentThisWeek,
    plannedToDate: planDays > 0 ? (amount * elapsed) / planDays : 0,
  }));

  const dataProblems: DigestDataProblem[] = [];
  const staleBefore = input.asOf.getTime() - input.staleAfterDays * 86_400_000;
  for (const a of input.accounts) {
    if (a.status === 'NEEDS_REAUTH') {
      dataProblems.push({ kind: 'NEEDS_REAUTH', subjectId: a.id, message: `${a.platform} account ${a.handle} needs to be authorized again: its metrics are not being fetched.` });
    } else if ((a.source === 'CONNECTOR' || a.source === 'DEMO') && (!a.lastSyncedAt || a.lastSyncedAt.getTime() < staleBefore)) {
      dataProblems.push({
        kind: 'STALE_ACCOUNT',
        subjectId: a.id,
        message: a.lastSyncedAt
          ? `${a.platform} account ${a.handle} has not synced since ${dayOf(a.lastSyncedAt)} (more than ${input.staleAfterDays} days).`
          : `${a.platform} account ${a.handle} has never synced.`,
      });
    }
  }
  const today = dayOf(input.asOf);
  for (const kr of input.keyResults) {
    const deprecation = findDeprecation(kr.platform, kr.metric);
    if (deprecation && isDeprecatedOn(deprecation, today)) {
      dataProblems.push({
        kind: 'DEPRECATED_METRIC',
        subjectId: kr.id,
        message: `${metricLabel(kr.metric)} on ${deprecation.platform} ("${objectiveById.get(kr.objectiveId)?.title ?? ''}") is no longer supplied since ${deprecation.deprecatedOn}: ${deprecation.advice}`,
      });
    }
  }

  const count = (status: string) => input.keyResults.filter((k) => k.status === status).length;
  return {
    plan: { id: input.plan.id, name: input.plan.name },
    weekOf: week.weekOf,
    isoWeek: week.isoWeek,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    statusChanges,
    needsAttention,
    achieved,
    checkIns,
    budget,
    dataProblems,
    counts: {
      objectives: input.objectives.length,
      keyResults: input.keyResults.length,
      onTrack: count('ON_TRACK'),
      atRisk: count('AT_RISK'),
      offTrack: count('OFF_TRACK'),
      achieved: count('ACHIEVED'),
    },
  };
}
