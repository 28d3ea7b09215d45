import type { KeyResultDraft, SmartFinding, SmartParams, SmartSuggestion, SmartVerdict } from '../contract.ts';
import type { Verdict } from '../vocabulary.ts';
import type { SmartFindingCode, SmartPassCode } from './smartCodes.ts';

const severity: Record<Verdict, number> = { PASS: 0, WARN: 1, FAIL: 2 };

/** One finding of a letter; `keyResult` is the draft position it is about (null: the objective). */
export function finding(
  verdict: Verdict,
  code: SmartFindingCode,
  message: string,
  params: SmartParams = {},
  keyResult: number | null = null,
  suggestions: readonly SmartSuggestion[] = [],
): SmartFinding {
  return { verdict, code, params, message, keyResult, suggestions };
}

/** A letter's verdict from its findings (nulls are passes): the worst one decides, every message is kept, in order. */
export function letter(findings: readonly (SmartFinding | null)[], ok: { code: SmartPassCode; message: string; params?: SmartParams }): SmartVerdict {
  const problems = findings.filter((f): f is SmartFinding => f !== null && f.verdict !== 'PASS');
  if (problems.length === 0) return { verdict: 'PASS', message: ok.message, code: ok.code, params: ok.params ?? {}, findings: [] };
  const worst = problems.reduce((a, b) => (severity[b.verdict] > severity[a.verdict] ? b : a));
  return { verdict: worst.verdict, message: problems.map((f) => f.message).join(' '), code: worst.code, params: worst.params, findings: problems };
}

export const nameOf = (kr: KeyResultDraft, i: number) => `Key result ${i + 1}${kr.metric ? ` (${kr.metric})` : ''}`;
export const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toFixed(2))));
export const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmt(Math.abs(x))}`;
export const hasNumber = (x: number | null | undefined): x is number => x !== undefined && x !== null && Number.isFinite(x);
/** A number as a suggestion carries it: whole for counts and money, two decimals otherwise. */
export const suggested = (x: number, whole: boolean) => (whole ? Math.round(x) : Number(x.toFixed(2)));
