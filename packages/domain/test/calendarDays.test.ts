import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayNumber, isoWeek } from '../src/index.ts';

describe('calendar days', () => {
  it('agrees with Date for every day from 1700 to 2400, inside the month table (1900–2299) and outside it', () => {
    fc.assert(fc.property(fc.integer({ min: -98_000, max: 157_000 }), (n) => {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(dayNumber(iso)).toBe(n);
      expect(addDays(iso, 1)).toBe(new Date((n + 1) * 86_400_000).toISOString().slice(0, 10));
    }), { numRuns: 2000 });
    expect(dayNumber('1899-12-31')).toBe(dayNumber('1900-01-01') - 1);
    expect(dayNumber('2300-01-01')).toBe(dayNumber('2299-12-31') + 1);
    // A day past its month's end rolls over, as the formula always did (isIsoDate refuses it).
    expect(dayNumber('2026-02-30')).toBe(dayNumber('2026-03-02'));
  });

  it('names ISO weeks across year ends', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});
