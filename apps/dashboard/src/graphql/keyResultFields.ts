import { graphql } from './graphql.ts';
import { KeyResultHistory } from './connections.ts';

/** A key result as the plan page and its chart show it. */
export const KeyResultFields = graphql(`
  fragment KeyResultFields on KeyResult {
    id metric platform direction pace baseline target targetChangePercent current progress expectedProgress
    status evaluatedAt weight ownerId checkInOverdue
    latestCheckIn { id confidence note createdAt }
    account { id handle platform status lastSyncedAt }
    forecast { value low high confidence method }
    sourceDeprecations { platform platformMetric deprecatedOn inEffect advice }
    realism { band requiredWeeklyRate historicalWeeklyRate ratio }
    series { at value }
    ...KeyResultHistory
  }
`, [KeyResultHistory]);

export const ObjectiveFields = graphql(`
  fragment ObjectiveFields on Objective {
    id title category framework startsOn deadline status statusText ownerId
    score { score grade }
    budget { amount currency spent remaining }
    keyResults { ...KeyResultFields }
  }
`, [KeyResultFields]);
