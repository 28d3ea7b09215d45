import type { PointValue, SocialAccountRow } from '@goalpost/db';
import type { AccountSource } from '@goalpost/domain';

/** One page of a window: its points and, when the window has more, where the next page starts. */
export interface SourcePage {
  points: PointValue[];
  /** Opaque paging position within the same window; never holds a token (it is stored in job data). */
  next?: string | undefined;
  /** The platform says the app's budget is (nearly) spent: no request to it before then, for any account. */
  platformSlowDownUntil?: Date;
}

/** What a source can be asked for an account: the window limits of its platform. */
export interface SourceLimits {
  /** The longest window one call may cover. */
  maxWindowDays: number;
  /** How far back the source keeps data; older days are never asked for. */
  lookbackDays: number;
}

/**
 * Where pulled metrics come from: one implementation per pulled account source (DEMO, CONNECTOR).
 * PUSH and MANUAL accounts receive their points through the gateway and are never fetched.
 */
export interface MetricSource {
  limits(account: SocialAccountRow): SourceLimits;
  /** One page of the account's daily points for the window (inclusive `YYYY-MM-DD` days). */
  fetch(account: SocialAccountRow, window: { from: string; to: string }, cursor?: string): Promise<SourcePage>;
}

export const pulledSources = ['DEMO', 'CONNECTOR'] as const satisfies readonly AccountSource[];
export type PulledSource = (typeof pulledSources)[number];

export type MetricSources = Partial<Record<PulledSource, MetricSource>>;

export function isPulledSource(source: string): source is PulledSource {
  return (pulledSources as readonly string[]).includes(source);
}
