import { listScopeAccountIds, type Db, type StoredResolution } from '@goalpost/db';
import { findMetric, referenceBaseline, referenceWindow, resolveKeyResultTarget, type TargetResolution } from '@goalpost/domain';
import { rawDailyOf } from './rawDailyOf.ts';

export interface KeyResultTargetInput {
  metric: string;
  accountId?: string | null | undefined;
  platform?: string | null | undefined;
  baseline?: number | null | undefined;
  target?: number | null | undefined;
  targetChangePercent?: number | null | undefined;
}

/**
 * A key result's baseline and target as the history says them at its objective's start (DESIGN.md §2):
 * reads the reference period of its metric over its scope (`referenceWindow`) and resolves. Used when a
 * key result is created or changed, and when the user asks for a new resolution; never on reads.
 */
export async function resolveTargetFor(db: Db, workspaceId: string, kr: KeyResultTargetInput, dates: { startsOn: string; deadline: string }): Promise<TargetResolution> {
  const definition = findMetric(kr.metric);
  const given = { baseline: kr.baseline, target: kr.target, targetChangePercent: kr.targetChangePercent };
  if (!definition || (kr.baseline !== null && kr.baseline !== undefined)) return resolveKeyResultTarget(definition, given, { reference: null });
  const accountIds = await listScopeAccountIds(db, workspaceId, { accountId: kr.accountId, platform: kr.platform });
  const window = referenceWindow(definition, dates);
  const raw = await rawDailyOf(db, workspaceId, { accountIds, metrics: definition.kind === 'DERIVED' ? definition.inputs : [definition.id], ...window });
  return resolveKeyResultTarget(definition, given, { reference: referenceBaseline(definition, raw, dates) });
}

/** A resolution as a key result row stores it. */
export const storedResolution = (resolution: TargetResolution, at: Date): StoredResolution => ({ ...resolution, at });
