import type { PointValue, SocialAccountRow } from '@goalpost/db';
import type { AccountSource } from '@goalpost/domain';

/**
 * Where pulled metrics come from: one implementation per pulled account source. DEMO exists now;
 * platform connectors (issue #4) implement the same interface under CONNECTOR. PUSH and MANUAL accounts
 * receive their points through the gateway and are never fetched.
 */
export interface MetricSource {
  /** Daily points of the account for every day of the window (inclusive, `YYYY-MM-DD`). */
  fetch(account: SocialAccountRow, window: { from: string; to: string }): Promise<PointValue[]>;
}

export const pulledSources = ['DEMO', 'CONNECTOR'] as const satisfies readonly AccountSource[];
export type PulledSource = (typeof pulledSources)[number];

export type MetricSources = Partial<Record<PulledSource, MetricSource>>;

export function isPulledSource(source: string): source is PulledSource {
  return (pulledSources as readonly string[]).includes(source);
}
