import type { KeyResultRow } from '@goalpost/db';

/** The baseline and target a key result is measured against: as given, as resolved and kept, or the last evaluation's stand-in. */
export const baselineOf = (kr: KeyResultRow) => kr.baseline ?? kr.resolved_baseline ?? kr.effective_baseline;
export const targetOf = (kr: KeyResultRow) => kr.target ?? kr.resolved_target ?? kr.effective_target;
