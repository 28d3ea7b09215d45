import { describe, expect, it } from 'vitest';
import { deviceOf } from '../src/screens/account/deviceOf.ts';
import { hourText, timeZoneChoices, weekdayName } from '../src/screens/plan/digestCalendar.ts';

describe('the sessions list names a device from its User-Agent', () => {
  it('names browser and system', () => {
    expect(deviceOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36')).toBe('Chrome (headless) · Linux');
    expect(deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari · iOS');
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox · Windows');
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge · Windows');
  });

  it('keeps an unknown agent short, and has no name for none', () => {
    expect(deviceOf('curl/8.5.0')).toBe('curl/8.5.0');
    expect(deviceOf('x'.repeat(200))).toHaveLength(60);
    expect(deviceOf(null)).toBeNull();
    expect(deviceOf('')).toBeNull();
  });
});

describe('the digest schedule’s calendar words', () => {
  it('names weekdays in the person’s language, Monday first', () => {
    expect(weekdayName('MONDAY', 'en')).toBe('Monday');
    expect(weekdayName('SUNDAY', 'es')).toBe('domingo');
    expect(weekdayName('FRIDAY', 'ca')).toBe('divendres');
    expect(weekdayName('WEDNESDAY', 'it')).toBe('mercoledì');
    expect(hourText(9)).toBe('09:00');
    expect(hourText(17)).toBe('17:00');
  });

  it('offers UTC first, the plan’s own zone even when unknown here, and the runtime’s zones once each', () => {
    const zones = timeZoneChoices('Mars/Olympus_Mons');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Mars/Olympus_Mons');
    expect(zones).toContain('Europe/Madrid');
    expect(new Set(zones).size).toBe(zones.length);
    expect(timeZoneChoices('UTC').filter((z) => z === 'UTC')).toHaveLength(1);
  });
});
