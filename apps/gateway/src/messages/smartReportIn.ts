import type { SmartFinding, SmartMessageCode, SmartReport, SmartVerdict } from '@goalpost/domain';
import { apiMessageCatalogs } from './messageCatalog.ts';
import type { ApiLocale } from './requestLocale.ts';

/**
 * A letter of a SMART report in the locale: each finding worded from its code and params (the key
 * result's metric and baseline period read from the report), the letter's message their sentences
 * joined as the domain joins them, or its pass worded. English keeps the domain's own sentences.
 */
export function smartVerdictIn(locale: ApiLocale, verdict: SmartVerdict, report: Pick<SmartReport, 'keyResults'>): SmartVerdict {
  const words = apiMessageCatalogs[locale].smart;
  if (!words) return verdict;
  const advice = (i: number | null) => (i === null ? undefined : report.keyResults[i]);
  const word = (f: Pick<SmartFinding, 'code' | 'verdict' | 'params' | 'keyResult' | 'suggestions' | 'message'>) =>
    words[f.code as SmartMessageCode]?.({
      code: f.code as SmartMessageCode,
      verdict: f.verdict,
      params: f.params,
      keyResult: f.keyResult,
      metric: advice(f.keyResult)?.metric ?? null,
      basis: advice(f.keyResult)?.basis ?? null,
      suggestions: f.suggestions,
    }) ?? f.message;
  const findings = verdict.findings.map((f) => ({ ...f, message: word(f) }));
  const message = findings.length > 0
    ? findings.map((f) => f.message).join(' ')
    : word({ code: verdict.code, verdict: verdict.verdict, params: verdict.params, keyResult: null, suggestions: [], message: verdict.message });
  return { ...verdict, message, findings };
}
