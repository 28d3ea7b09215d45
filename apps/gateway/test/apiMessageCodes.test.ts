import { smartFindingCodes, smartPassCodes, type SmartParams, type SmartSuggestion } from '@goalpost/domain';
import { describe, expect, it } from 'vitest';
import { queryLimitCodes, type ForbiddenReason } from '../src/messages/errorWords.ts';
import { apiMessageCatalogs } from '../src/messages/messageCatalog.ts';
import type { SmartMessage } from '../src/messages/smartMessage.ts';
import { apiLocales } from '../src/messages/requestLocale.ts';

/** Every param any SMART code is built from, with values of the kind the domain gives them. */
const params: SmartParams = {
  metric: 'followers', missing: 'metric,scope,number', direction: 'INCREASE', baseline: 11_000, target: 11_500, basis: 'LEVEL_TREND', field: 'target',
  deliveredBy: 'FACEBOOK,INSTAGRAM', connectorsInScope: 'FACEBOOK', since: '2025-11-01', platform: 'FACEBOOK', platformMetric: 'page_impressions', deprecatedOn: '2026-03-01',
  tolerance: 50, rate: 12.5, projected: 11_200, band: 'UNREALISTIC', ratio: 3.3, required: 500, historical: 100, weeks: 12, historyWeeks: 12,
  weeksLeft: 6, from: 11_100, today: '2026-05-01', deadline: '2026-06-30', startsOn: '2026-04-01', impliedSpend: 1500, budget: 900, currency: 'EUR',
  planned: 4, needed: 24, goalId: 'QnVzaW5lc3NHb2FsOjE=', category: 'AWARENESS', recommended: 'reach, impressions', count: 4, max: 3,
  categories: 'AWARENESS,ENGAGEMENT,AUDIENCE_GROWTH,WEB_TRAFFIC', planStartsOn: '2026-01-01', planEndsOn: '2026-12-31', plannedContentItems: 24, insidePlan: true,
  realisticUpTo: 1.5,
};
const suggestions: SmartSuggestion[] = [
  { code: 'TARGET_AT_REALISTIC_PACE', keyResult: 0, field: 'target', value: 12_800 },
  { code: 'DEADLINE_FOR_TARGET', keyResult: 0, field: 'deadline', value: '2026-09-15' },
];
const basis = { kind: 'PREVIOUS_PERIOD_TOTAL' as const, from: '2026-01-01', to: '2026-03-31', coveredDays: 90 };

/** What a message must never show: a placeholder left in, a value that was not there, or English left behind. */
function leftovers(text: string): string[] {
  return [
    ...(text.match(/\{[A-Za-z_]+\}|\$\{|\bundefined\b|\bnull\b|\bNaN\b|\[object/g) ?? []),
    ...(text.match(/\b(the|is|and|of|Key result|key result|must|Nothing)\b/g) ?? []),
  ];
}

describe('every code the API can emit is worded in es, ca and it', () => {
  for (const locale of apiLocales.filter((l) => l !== 'en')) {
    const catalog = apiMessageCatalogs[locale];

    it(`${locale}: every SMART finding and pass code of the domain, from its params, with nothing left over`, () => {
      const worded = new Map<string, string>();
      for (const code of [...smartFindingCodes, ...smartPassCodes]) {
        const words = catalog.smart?.[code];
        expect(words, `${locale} has no words for ${code}`).toBeTypeOf('function');
        for (const verdict of ['FAIL', 'WARN'] as const) {
          const message: SmartMessage = { code, verdict, params, keyResult: 0, metric: 'followers', basis, suggestions };
          const text = words!(message);
          expect(text.length, `${locale} ${code}`).toBeGreaterThan(10);
          expect(leftovers(text), `${locale} ${code}: ${text}`).toEqual([]);
          worded.set(`${code}:${verdict}`, text);
        }
      }
      // Each sentence says its own thing (two codes sharing a sentence are the TIME_LEFT pair only).
      const distinct = new Set([...worded].filter(([key]) => key.endsWith(':FAIL')).map(([, text]) => text));
      expect(distinct.size).toBe(smartFindingCodes.length + smartPassCodes.length - 1);
    });

    it(`${locale}: the numbers of a finding in the locale's own way`, () => {
      const unrealistic = catalog.smart!.UNREALISTIC({ code: 'UNREALISTIC', verdict: 'FAIL', params, keyResult: 0, metric: 'followers', basis, suggestions });
      expect(unrealistic).toContain('3,3×');
      expect(unrealistic).toContain('2026-09-15');
      expect(unrealistic).toMatch(/12[.\s\u00a0]?800/);
      const short = catalog.smart!.BUDGET_SHORT({ code: 'BUDGET_SHORT', verdict: 'WARN', params, keyResult: null, metric: null, basis: null, suggestions: [] });
      expect(short).toMatch(/900\s?€/);
    });

    it(`${locale}: every error code, FORBIDDEN reason and query limit`, () => {
      const errors = catalog.errors!;
      const reasons: Exclude<ForbiddenReason, 'OTHER'>[] = ['ROLE', 'SIGNED_IN', 'NO_WORKSPACE', 'SIGN_UP_CLOSED', 'CROSS_SITE'];
      const texts = [
        errors.unauthenticated,
        ...reasons.map((reason) => errors.forbidden(reason, { role: 'VIEWER', requiredRole: 'EDITOR' })),
        errors.notFound('Plan', 'UGxhbjox'),
        errors.notFound(null, 'x'),
        errors.rateLimited(30, { limit: 600, windowSeconds: 60 }),
        ...queryLimitCodes.map((code) => errors.queryLimit(code, 10, 12)),
        errors.serviceUnavailable('PostgreSQL', 5),
        errors.internal('req-1'),
      ];
      for (const text of texts) expect(leftovers(text), `${locale}: ${text}`).toEqual([]);
      expect(new Set(texts).size).toBe(texts.length);
      expect(errors.forbidden('ROLE', { role: 'VIEWER', requiredRole: 'EDITOR' })).toMatch(/Lector|Lettore/);
    });

    it(`${locale}: every input rule of the catalog words the params it is given`, () => {
      const ruleParams = { minimum: 1, maximum: 200, origin: 'string', format: 'email', expected: 'number', min: 0, max: 1000, minExclusive: true, length: 201, kind: 'EMAIL', state: 'RESOLVED', wanted: 'ACKNOWLEDGED', type: 'Plan', list: 'objective', missing: 2, scheme: 'ftp:', direction: 'INCREASE', target: 900, baseline: 1200, what: 'key result', archivedAt: '2026-05-01T10:00:00.000Z', platform: 'TIKTOK', size: 20_000_000 };
      for (const [rule, words] of Object.entries(catalog.inputRules)) {
        const full = { after: 'after:startsOn', exclusive: 'exclusive:target', id: 'id:Plan', min: 'min:1', max: 'max:100' }[rule] ?? rule;
        const text = words({ rule: full, field: 'input.targetChangePercent', params: ruleParams });
        expect(text, `${locale} ${rule}`).toBeTypeOf('string');
        expect(leftovers(text!), `${locale} ${rule}: ${text}`).toEqual([]);
      }
    });
  }
});
