import type { KeyResultDraft, SmartVerdict } from '../contract.ts';
import type { AssessedKeyResult } from './assessKeyResults.ts';
import { finding, hasNumber, letter, nameOf } from './smartFindings.ts';
import { targetDirectionFinding } from './targetDirectionFinding.ts';

/**
 * Specific: every key result names a metric, a scope (an account or a platform) and an explicit number,
 * and that number lies on its direction's side of the baseline read from history.
 */
export function specificLetter(keyResults: readonly KeyResultDraft[], assessed: readonly AssessedKeyResult[] = []): SmartVerdict {
  if (keyResults.length === 0) {
    return letter([finding('FAIL', 'NO_KEY_RESULTS', 'The objective has no key result: add one with a metric, a scope (an account or a platform) and a target number.')], { code: 'SPECIFIC_OK', message: '' });
  }
  const incomplete = keyResults.map((kr, i) => {
    const missing = [
      !kr.metric && 'metric',
      !kr.accountId && !kr.platform && 'scope',
      !hasNumber(kr.target) && !hasNumber(kr.targetChangePercent) && 'number',
    ].filter((x): x is string => typeof x === 'string');
    if (missing.length === 0) return null;
    const words: Record<string, string> = { metric: 'a metric', scope: 'a scope (an account or a platform)', number: 'an explicit number (target or targetChangePercent)' };
    return finding('FAIL', 'KEY_RESULT_INCOMPLETE', `${nameOf(kr, i)} is missing ${missing.map((m) => words[m]).join(', ')}; add ${missing.length > 1 ? 'them' : 'it'}.`, { missing: missing.join(',') }, i);
  });
  return letter([...incomplete, ...assessed.map(targetDirectionFinding)], { code: 'SPECIFIC_OK', message: 'Every key result names a metric, a scope and an explicit target number.' });
}
