import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayNumber, isoWeek } from '../src/index.ts';

describe('calendar days', () => {
  it('agrees with Date for every day from 1900 to 2200', () => {
    fc.assert(fc.property(fc.integer({ min: -25567, max: 84000 }), (n) => {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(dayNumber(iso)).toBe(n);
      expect(addDays(iso, 1)).toBe(new Date((n + 1) * 86_400_000).toISOString().slice(0, 10));
    }));
  });

  it('names ISO weeks across year ends', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});
