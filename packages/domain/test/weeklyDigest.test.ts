import { describe, expect, it } from 'vitest';
import { defaultDigestSchedule, digestWeek, weeklyDigest, type WeeklyDigestInput } from '../src/index.ts';

const week = digestWeek(defaultDigestSchedule, '2026-12-07'); // covers 2026-11-30T09:00Z .. 2026-12-07T09:00Z
const base: WeeklyDigestInput = {
  plan: { id: 'p1', name: 'Q4 plan', startsOn: '2026-10-01', endsOn: '2026-12-30' },
  week,
  asOf: week.sendAt,
  staleAfterDays: 3,
  objectives: [
    { id: 'o1', title: 'Grow the audience', status: 'OFF_TRACK', score: 0.3, deadline: '2026-12-30', budget: { amount: 9100, currency: 'EUR' } },
    { id: 'o2', title: 'Engage', status: 'ACHIEVED', score: 1, deadline: '2026-12-30', budget: null },
  ],
  keyResults: [
    { id: 'k1', objectiveId: 'o1', metric: 'followers', platform: 'INSTAGRAM', direction: 'INCREASE', status: 'OFF_TRACK', current: 1200, target: 2000, forecast: { value: 1500, low: 1400, high: 1600, confidence: 0.8, trendPerDay: 10 } },
    { id: 'k2', objectiveId: 'o1', metric: 'reach', platform: 'FACEBOOK', direction: 'INCREASE', status: 'AT_RISK', current: 50, target: 100, forecast: null },
    { id: 'k3', objectiveId: 'o2', metric: 'engagements', platform: 'INSTAGRAM', direction: 'INCREASE', status: 'ACHIEVED', current: 500, target: 400, forecast: null },
  ],
  evaluations: [
    { keyResultId: 'k1', day: '2026-11-29', status: 'ON_TRACK' },
    { keyResultId: 'k1', day: '2026-12-01', status: 'AT_RISK' },
    { keyResultId: 'k1', day: '2026-12-03', status: 'OFF_TRACK' },
    { keyResultId: 'k2', day: '2026-11-28', status: 'AT_RISK' },
    { keyResultId: 'k2', day: '2026-12-02', status: 'AT_RISK' },
    { keyResultId: 'k3', day: '2026-12-04', status: 'ACHIEVED' },
    { keyResultId: 'k3', day: '2026-11-29', status: 'ON_TRACK' },
  ],
  checkIns: [
    { keyResultId: 'k1', at: new Date('2026-12-02T10:00:00Z'), confidence: 4, note: 'Paid push paused', author: 'Ana' },
    { keyResultId: 'k1', at: new Date('2026-11-20T10:00:00Z'), confidence: 9, note: 'before the week', author: 'Ana' },
  ],
  accounts: [
    { id: 'a1', handle: '@brand', platform: 'INSTAGRAM', source: 'CONNECTOR', status: 'ACTIVE', lastSyncedAt: new Date('2026-12-07T06:00:00Z') },
    { id: 'a2', handle: 'Brand page', platform: 'FACEBOOK', source: 'CONNECTOR', status: 'ACTIVE', lastSyncedAt: new Date('2026-12-01T06:00:00Z') },
    { id: 'a3', handle: '@brand_tt', platform: 'TIKTOK', source: 'CONNECTOR', status: 'NEEDS_REAUTH', lastSyncedAt: null },
    { id: 'a4', handle: 'manual', platform: 'LINKEDIN', source: 'MANUAL', status: 'ACTIVE', lastSyncedAt: null },
  ],
  spendByDay: [
    { day: '2026-10-01', value: 1000 },
    { day: '2026-12-01', value: 300 },
    { day: '2026-12-07', value: 999 }, // the day the digest goes out: the next week's
  ],
};

describe('weeklyDigest', () => {
  const digest = weeklyDigest(base);

  it('lists every status change of the week once, in order, objectives from their key results\' statuses at the start', () => {
    expect(digest.statusChanges.filter((c) => c.subject === 'KEY_RESULT').map((c) => [c.id, c.from, c.to, c.on])).toEqual([
      ['k1', 'ON_TRACK', 'AT_RISK', '2026-12-01'],
      ['k1', 'AT_RISK', 'OFF_TRACK', '2026-12-03'],
      ['k3', 'ON_TRACK', 'ACHIEVED', '2026-12-04'],
    ]);
    expect(digest.statusChanges.filter((c) => c.subject === 'OBJECTIVE').map((c) => [c.id, c.from, c.to])).toEqual([
      ['o1', 'AT_RISK', 'OFF_TRACK'],
      ['o2', 'ON_TRACK', 'ACHIEVED'],
    ]);
  });

  it('puts off-track before at-risk, with the forecast and a realistic target from the current trend', () => {
    expect(digest.needsAttention.map((k) => [k.id, k.status])).toEqual([['k1', 'OFF_TRACK'], ['k2', 'AT_RISK']]);
    const k1 = digest.needsAttention[0]!;
    expect(k1.forecast?.value).toBe(1500);
    // 23 days to the deadline at 1.5 × 10 a day from 1200.
    expect(k1.realisticTarget).toBeCloseTo(1200 + 1.5 * 70 * (23 / 7), 6);
    expect(digest.needsAttention[1]!.realisticTarget).toBeNull();
    expect(digest.achieved.map((k) => k.id)).toEqual(['k3']);
  });

  it('keeps the week\'s check-ins only, and budget against the plan spread over its days', () => {
    expect(digest.checkIns.map((c) => c.note)).toEqual(['Paid push paused']);
    expect(digest.checkIns[0]).toMatchObject({ metric: 'Followers', objectiveTitle: 'Grow the audience', author: 'Ana' });
    // 2026-10-01 .. 2026-12-06 is 67 of the plan's 91 days.
    expect(digest.budget).toEqual([{ currency: 'EUR', budget: 9100, spentToDate: 1300, spentThisWeek: 300, plannedToDate: 6700 }]);
  });

  it('names stale and unauthorized accounts and metrics the platform retired; manual accounts are never stale', () => {
    expect(digest.dataProblems.map((p) => [p.kind, p.subjectId])).toEqual([
      ['STALE_ACCOUNT', 'a2'],
      ['NEEDS_REAUTH', 'a3'],
      ['DEPRECATED_METRIC', 'k2'],
    ]);
    expect(digest.counts).toEqual({ objectives: 2, keyResults: 3, onTrack: 0, atRisk: 1, offTrack: 1, achieved: 1 });
  });

  it('says nothing changed in a quiet week', () => {
    const quiet = weeklyDigest({ ...base, evaluations: base.evaluations.map((e) => ({ ...e, day: '2026-11-01' })), objectives: base.objectives.map((o) => ({ ...o, status: 'ON_TRACK' })), keyResults: base.keyResults.map((k) => ({ ...k, status: 'ON_TRACK' })) });
    expect(quiet.statusChanges.filter((c) => c.subject === 'KEY_RESULT')).toEqual([]);
    expect(quiet.needsAttention).toEqual([]);
    expect(quiet.achieved).toEqual([]);
  });
});
