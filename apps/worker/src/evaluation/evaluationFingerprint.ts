import type { KeyResultRow, ObjectiveRow } from '@goalpost/db';
import type { EvaluationThresholds } from '@goalpost/domain';
import { createHash } from 'node:crypto';

/**
 * Everything a key result's evaluation depends on: its definition (with the baseline and target it
 * resolved to and the band it holds), its objective's dates, the plan's thresholds, the points versions
 * of the accounts it reads, and the day (expected progress, staleness and deadlines move by the day). An
 * evaluation whose fingerprint equals the stored one would compute the same outcome, so it is skipped:
 * re-evaluation after new points touches only the key results whose accounts changed. Read before the
 * points are, so a write racing the evaluation changes it.
 */
export function evaluationFingerprint(input: {
  keyResult: KeyResultRow;
  objective: Pick<ObjectiveRow, 'starts_on' | 'deadline'>;
  thresholds: EvaluationThresholds;
  accounts: readonly { id: string; version: string }[];
  day: string;
}): string {
  const { keyResult: kr, objective } = input;
  const definition = [
    kr.metric, kr.account_id, kr.platform, kr.direction, kr.baseline, kr.target, kr.target_change_percent, kr.weight, kr.pace,
    kr.maintain_tolerance, kr.resolved_baseline, kr.resolved_target, kr.resolved_at?.toISOString() ?? null,
    objective.starts_on, objective.deadline,
  ];
  const payload = JSON.stringify([definition, input.thresholds, input.accounts.map((a) => `${a.id}:${a.version}`), input.day]);
  return createHash('sha256').update(payload).digest('base64url');
}
