import { describe, expect, it } from 'vitest';
import { defaultDigestSchedule, digestWeek, dueDigestWeek, isTimeZone, withDigestOverrides, type DigestSchedule } from '../src/index.ts';

const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;
const berlin: DigestSchedule = { ...defaultDigestSchedule, timeZone: 'Europe/Berlin' };

describe('digestWeek', () => {
  it('is Monday 09:00 UTC by default, for the ISO week of any of its days', () => {
    for (const day of ['2026-11-30', '2026-12-02', '2026-12-06']) {
      const week = digestWeek(withDigestOverrides(undefined), day);
      expect(week).toMatchObject({ weekOf: '2026-11-30', isoWeek: '2026-W49' });
      expect(week.sendAt.toISOString()).toBe('2026-11-30T09:00:00.000Z');
      expect(week.from.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    }
  });

  it('reads the weekday and hour on the plan\'s wall clock', () => {
    const week = digestWeek({ weekday: 'FRIDAY', hour: 17, timeZone: 'America/New_York', enabled: true, attachReports: [] }, '2026-12-02');
    expect(week.sendAt.toISOString()).toBe('2026-12-04T22:00:00.000Z');
    expect(week.weekOf).toBe('2026-11-30');
  });

  it('covers 167 hours across the spring-forward week and 169 across the fall-back one, at 09:00 local both ends', () => {
    const spring = digestWeek(berlin, '2027-03-29');
    expect(spring.sendAt.toISOString()).toBe('2027-03-29T07:00:00.000Z'); // CEST
    expect(spring.from.toISOString()).toBe('2027-03-22T08:00:00.000Z'); // CET
    expect(hours(spring.from, spring.to)).toBe(167);
    const autumn = digestWeek(berlin, '2027-11-01');
    expect(autumn.sendAt.toISOString()).toBe('2027-11-01T08:00:00.000Z');
    expect(hours(autumn.from, autumn.to)).toBe(169);
  });

  it('moves an hour that does not exist (the spring-forward gap) to the first that does', () => {
    const week = digestWeek({ ...berlin, weekday: 'SUNDAY', hour: 2 }, '2027-03-28');
    expect(week.sendAt.toISOString()).toBe('2027-03-28T01:00:00.000Z'); // 03:00 CEST
    expect(week.weekOf).toBe('2027-03-22');
  });

  it('names ISO weeks by the year of their Thursday', () => {
    expect(digestWeek(defaultDigestSchedule, '2027-01-01')).toMatchObject({ weekOf: '2026-12-28', isoWeek: '2026-W53' });
    expect(digestWeek(defaultDigestSchedule, '2027-01-04')).toMatchObject({ weekOf: '2027-01-04', isoWeek: '2027-W01' });
  });
});

describe('dueDigestWeek', () => {
  it('is due from the send time to the end of the ISO week, never before', () => {
    expect(dueDigestWeek(defaultDigestSchedule, new Date('2026-11-30T08:59:59Z'))).toBeNull();
    expect(dueDigestWeek(defaultDigestSchedule, new Date('2026-11-30T09:00:00Z'))?.isoWeek).toBe('2026-W49');
    // A worker down at the hour still sends that week's digest later in the week.
    expect(dueDigestWeek(defaultDigestSchedule, new Date('2026-12-06T23:59:00Z'))?.isoWeek).toBe('2026-W49');
    expect(dueDigestWeek(defaultDigestSchedule, new Date('2026-12-07T00:00:00Z'))).toBeNull();
  });

  it('counts the week on the plan\'s clock: Monday in Auckland is still Sunday in UTC', () => {
    const auckland = { ...defaultDigestSchedule, timeZone: 'Pacific/Auckland' };
    const due = dueDigestWeek(auckland, new Date('2026-12-06T21:00:00Z'));
    expect(due).toMatchObject({ weekOf: '2026-12-07', isoWeek: '2026-W50' });
    expect(due?.sendAt.toISOString()).toBe('2026-12-06T20:00:00.000Z'); // 09:00 NZDT
  });

  it('is never due when the plan turned its digest off', () => {
    expect(dueDigestWeek({ ...defaultDigestSchedule, enabled: false }, new Date('2026-11-30T10:00:00Z'))).toBeNull();
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
