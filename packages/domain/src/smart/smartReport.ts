import type { ObjectiveDraft, SmartContext, SmartReport } from '../contract.ts';
import { assessKeyResults } from './assessKeyResults.ts';
import { attainableLetter } from './attainableLetter.ts';
import { measurableLetter } from './measurableLetter.ts';
import { realisticLetter } from './realisticLetter.ts';
import { relevantLetter } from './relevantLetter.ts';
import { specificLetter } from './specificLetter.ts';
import { timeBoundLetter } from './timeBoundLetter.ts';

/**
 * One verdict per SMART letter (DESIGN.md §1) — Attainable from history and Realistic from resources
 * judged apart — each with findings that carry a stable `code`, their `params` and an English sentence
 * saying what is wrong and how to fix it, naming the key result by position and metric, and structured
 * suggestions a client can apply. `keyResults` gives every key result's resolved baseline and target,
 * its realism and its advice (targets at the historical and realistic pace, the deadline that makes it
 * realistic, an OKR stretch). Runs on drafts (any field may be missing); pure: the apps put every lookup
 * in `context`. `passed` is true when no letter FAILs.
 */
export function smartReport(draft: ObjectiveDraft, context: SmartContext): SmartReport {
  const keyResults = draft.keyResults ?? [];
  const assessed = assessKeyResults(draft, context);
  const letters = {
    specific: specificLetter(keyResults, assessed),
    measurable: measurableLetter(keyResults, context, draft.deadline),
    attainable: attainableLetter(draft, assessed),
    realistic: realisticLetter(draft, assessed, context),
    relevant: relevantLetter(draft, keyResults, context),
    timeBound: timeBoundLetter(draft, context),
  };
  return { ...letters, passed: Object.values(letters).every((v) => v.verdict !== 'FAIL'), keyResults: assessed.map((a) => a.advice) };
}
