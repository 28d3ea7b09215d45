import type { Db } from '../createDb.ts';
import type { PlanRow } from '../schema.ts';
import { readPlanDigestInputs } from './planDigests.ts';
import { dayOf, digestWeek, weeklyDigest, withDigestOverrides, withThresholdOverrides, type DigestSchedule, type WeeklyDigest } from '@goalpost/domain';

/** A plan's digest schedule: the defaults, overridden by the plan. */
export const digestScheduleOf = (plan: Pick<PlanRow, 'settings'>): DigestSchedule => withDigestOverrides(plan.settings.digest as Partial<DigestSchedule> | undefined);

/**
 * The digest of a plan for the ISO week containing `weekOf` (a day on the plan's clock), as of `now`:
 * read in nine statements (the schedule, then `readPlanDigestInputs`), built by the domain. Undefined when the plan does not exist.
 */
export async function readPlanDigest(db: Db, workspaceId: string, planId: string, weekOf: string, now: Date): Promise<WeeklyDigest | undefined> {
  const [planRow] = await db.selectFrom('plans').select('settings').where('workspace_id', '=', workspaceId).where('id', '=', planId).execute();
  if (!planRow) return undefined;
  const week = digestWeek(digestScheduleOf(planRow), weekOf);
  const read = await readPlanDigestInputs(db, workspaceId, planId, { fromDay: dayOf(week.from), toDay: dayOf(week.to), from: week.from, to: week.to });
  if (!read) return undefined;
  const thresholds = withThresholdOverrides(read.plan.settings.thresholds ?? {});
  return weeklyDigest({ ...read.inputs, week, asOf: now < week.to ? now : week.to, staleAfterDays: thresholds.staleAfterDays });
}
