import { describe, expect, it } from 'vitest';
import { decideAlerts, defaultThresholds, type KeyResultEvaluation } from '../src/index.ts';
import type { ObjectiveStatus } from '../src/index.ts';

const evaluation = (status: ObjectiveStatus, overrides: Partial<KeyResultEvaluation> = {}): KeyResultEvaluation =>
  ({ status, current: 10_450, asOf: '2026-11-18', progress: 0.3, expectedProgress: 0.5, forecast: null, score: 0.3, ...overrides });
const decide = (status: ObjectiveStatus, now = '2026-11-18T09:00:00Z', overrides: Partial<KeyResultEvaluation> = {}, driftSince: string | null = null) => decideAlerts({
  keyResultId: 'kr-7', label: '"Grow the audience" — followers', previous: null, driftSince, evaluation: evaluation(status, overrides),
  deadline: '2027-03-31', now: new Date(now), thresholds: defaultThresholds,
});

describe('decideAlerts', () => {
  it('raises one alert per bad or final status, with its severity', () => {
    expect(decide('AT_RISK').raise.map((a) => [a.kind, a.severity])).toEqual([['AT_RISK', 'WARNING']]);
    expect(decide('OFF_TRACK').raise.map((a) => [a.kind, a.severity])).toEqual([['OFF_TRACK', 'CRITICAL']]);
    expect(decide('ACHIEVED').raise.map((a) => [a.kind, a.severity])).toEqual([['ACHIEVED', 'INFO']]);
    expect(decide('MISSED', '2027-04-02T09:00:00Z').raise.map((a) => [a.kind, a.severity])).toEqual([['MISSED', 'CRITICAL']]);
    expect(decide('ON_TRACK').raise).toEqual([]);
    expect(decide('NO_DATA').raise).toEqual([]);
    expect(decide('NOT_STARTED').raise).toEqual([]);
  });

  it('keys drift by episode, from the day it left ON_TRACK until it comes back, not by calendar week', () => {
    // Leaves ON_TRACK on a Monday: the episode starts that day, and says so for the next evaluation.
    const monday = decide('OFF_TRACK', '2026-11-16T08:00:00Z');
    expect(monday.raise[0]!.dedupKey).toBe('kr:kr-7:OFF_TRACK:drift-2026-11-16');
    expect(monday.driftSince).toBe('2026-11-16');
    // A retry the same day, and evaluations weeks later while still adrift: the same key, no new alert.
    expect(decide('OFF_TRACK', '2026-11-16T11:00:00Z').raise[0]!.dedupKey).toBe(monday.raise[0]!.dedupKey);
    const later = decide('OFF_TRACK', '2026-12-14T08:00:00Z', {}, monday.driftSince);
    expect(later.raise[0]!.dedupKey).toBe(monday.raise[0]!.dedupKey);
    expect(later.driftSince).toBe('2026-11-16');
    // AT_RISK within the same episode keys by the same start.
    expect(decide('AT_RISK', '2026-11-20T08:00:00Z', {}, '2026-11-16').raise[0]!.dedupKey).toBe('kr:kr-7:AT_RISK:drift-2026-11-16');
    // Back on track ends the episode; drifting again the same week starts a new one, and alerts again.
    const back = decide('ON_TRACK', '2026-11-17T08:00:00Z', {}, '2026-11-16');
    expect(back.driftSince).toBeNull();
    const again = decide('OFF_TRACK', '2026-11-18T08:00:00Z', {}, back.driftSince);
    expect(again.raise[0]!.dedupKey).toBe('kr:kr-7:OFF_TRACK:drift-2026-11-18');
    // Statuses that are neither drift nor recovery keep the episode open.
    expect(decide('NO_DATA', '2026-11-19T08:00:00Z', {}, '2026-11-18').driftSince).toBe('2026-11-18');
  });

  it('keys ACHIEVED, MISSED and DEADLINE_NEAR by the deadline: once per key result', () => {
    expect(decide('ACHIEVED').raise[0]!.dedupKey).toBe('kr:kr-7:ACHIEVED:2027-03-31');
    expect(decide('ACHIEVED', '2027-01-10T00:00:00Z').raise[0]!.dedupKey).toBe('kr:kr-7:ACHIEVED:2027-03-31');
    expect(decide('MISSED', '2027-04-05T00:00:00Z').raise[0]!.dedupKey).toBe('kr:kr-7:MISSED:2027-03-31');
  });

  it('raises DEADLINE_NEAR within deadlineNearDays when not on track or achieved', () => {
    const near = decide('AT_RISK', '2027-03-20T10:00:00Z');
    expect(near.raise.map((a) => a.kind)).toEqual(['AT_RISK', 'DEADLINE_NEAR']);
    expect(near.raise[1]).toMatchObject({ severity: 'WARNING', dedupKey: 'kr:kr-7:DEADLINE_NEAR:2027-03-31' });
    expect(near.raise[1]!.message).toMatch(/due in 11 days/);
    expect(decide('NO_DATA', '2027-03-31T10:00:00Z').raise.map((a) => a.kind)).toEqual(['DEADLINE_NEAR']);
    expect(decide('AT_RISK', '2027-03-16T10:00:00Z').raise.map((a) => a.kind)).toEqual(['AT_RISK']); // 15 days left
    expect(decide('ON_TRACK', '2027-03-20T10:00:00Z').raise).toEqual([]);
    expect(decide('ACHIEVED', '2027-03-20T10:00:00Z').raise.map((a) => a.kind)).toEqual(['ACHIEVED']);
  });

  it('raises even when the previous status was the same: the store makes it idempotent and repairs a lost alert', () => {
    const again = decideAlerts({
      keyResultId: 'kr-7', label: 'Followers', previous: 'AT_RISK', driftSince: '2026-11-10', evaluation: evaluation('AT_RISK'),
      deadline: '2027-03-31', now: new Date('2026-11-18T09:00:00Z'), thresholds: defaultThresholds,
    });
    expect(again.raise.map((a) => a.dedupKey)).toEqual(['kr:kr-7:AT_RISK:drift-2026-11-10']);
  });

  it('resolves what no longer holds', () => {
    expect(decide('ON_TRACK').resolveKinds).toEqual(['AT_RISK', 'OFF_TRACK', 'DEADLINE_NEAR']);
    expect(decide('ACHIEVED').resolveKinds).toEqual(['AT_RISK', 'OFF_TRACK', 'DEADLINE_NEAR']);
    expect(decide('AT_RISK').resolveKinds).toEqual(['OFF_TRACK']);
    expect(decide('OFF_TRACK').resolveKinds).toEqual(['AT_RISK']);
    expect(decide('NO_DATA').resolveKinds).toEqual([]);
  });

  it('words one sentence with the label, current against expected, and what to look at', () => {
    const [alert] = decide('OFF_TRACK').raise;
    expect(alert!.message).toBe('"Grow the audience" — followers is off track: it is at 10,450 (2026-11-18), 30% of the way against 50% expected by now; '
      + 'review what was published and promoted recently and the tactics behind this key result, or revise the target.');
    const stale = decide('AT_RISK', '2026-11-30T09:00:00Z').raise[0]!.message;
    expect(stale).toMatch(/no data has arrived since 2026-11-18, so check the account's connection first\.$/);
    for (const status of ['AT_RISK', 'OFF_TRACK', 'ACHIEVED', 'MISSED'] as const) {
      const message = decide(status, '2027-03-25T00:00:00Z').raise[0]!.message;
      expect(message.match(/\. |\.$/g)?.length, message).toBe(1);
    }
  });
});
