import { describe, expect, it } from 'vitest';
import { checkInOverdue } from '../src/index.ts';

const base = {
  ownerAssignedAt: new Date('2026-01-05T09:00:00Z'),
  lastCheckInAt: null,
  startsOn: '2026-01-01',
  deadline: '2026-03-31',
  overdueAfterDays: 7,
};

describe('checkInOverdue', () => {
  it('counts from the owner taking the key result on when nobody checked in since', () => {
    expect(checkInOverdue({ ...base, now: new Date('2026-01-12T09:00:00Z') })).toBe(false);
    expect(checkInOverdue({ ...base, now: new Date('2026-01-12T09:00:01Z') })).toBe(true);
  });

  it('counts from the last check-in when later', () => {
    const lastCheckInAt = new Date('2026-01-20T10:00:00Z');
    expect(checkInOverdue({ ...base, lastCheckInAt, now: new Date('2026-01-26T10:00:00Z') })).toBe(false);
    expect(checkInOverdue({ ...base, lastCheckInAt, now: new Date('2026-01-28T10:00:00Z') })).toBe(true);
  });

  it('counts from the start when the owner was set before it, and honours the plan\'s cadence', () => {
    const early = { ...base, ownerAssignedAt: new Date('2025-12-01T00:00:00Z') };
    expect(checkInOverdue({ ...early, now: new Date('2026-01-07T00:00:00Z') })).toBe(false);
    expect(checkInOverdue({ ...early, now: new Date('2026-01-09T00:00:00Z') })).toBe(true);
    expect(checkInOverdue({ ...early, overdueAfterDays: 14, now: new Date('2026-01-09T00:00:00Z') })).toBe(false);
  });

  it('never flags a key result without an owner, or outside its objective\'s period', () => {
    expect(checkInOverdue({ ...base, ownerAssignedAt: null, now: new Date('2026-02-15T00:00:00Z') })).toBe(false);
    expect(checkInOverdue({ ...base, startsOn: '2026-06-01', deadline: '2026-09-01', now: new Date('2026-05-20T00:00:00Z') })).toBe(false);
    expect(checkInOverdue({ ...base, now: new Date('2026-04-15T00:00:00Z') })).toBe(false);
  });
});
