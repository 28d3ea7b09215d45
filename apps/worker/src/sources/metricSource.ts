import type { PointValue, SocialAccountRow } from '@goalpost/db';

/** Where pulled metrics come from. DEMO now; platform connectors (issue #4) implement the same shape. */
export interface MetricSource {
  fetch(account: SocialAccountRow, window: { from: string; to: string }): Promise<PointValue[]>;
}
