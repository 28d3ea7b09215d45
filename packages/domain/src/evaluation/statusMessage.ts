import type { Framework, ObjectiveStatus } from '../vocabulary.ts';
import type { OkrScore } from '../contract.ts';
import { defaultPlanningSettings } from '../planning/planningSettings.ts';

/** The wording an objective's status takes, as a stable code and the values it is built from. */
export interface StatusMessage {
  code: string;
  params: { score: number | null; successFrom: number; grade: string | null };
}

/**
 * Which sentence a status reads as. SMART targets are meant to be hit in full; OKR key results are
 * ambitious, and from `successFrom` of the way (the plan's setting, 0.6 by default; seed 003) a score
 * counts as success, so an OKR status has a second wording once the score's grade is GREEN.
 */
export function statusMessage(framework: Framework, status: ObjectiveStatus, score: OkrScore | null, successFrom = defaultPlanningSettings.okrSuccessFrom): StatusMessage {
  const params = { score: score?.score ?? null, successFrom, grade: score?.grade ?? null };
  if (status === 'NOT_STARTED' || status === 'NO_DATA') return { code: status, params };
  if (framework !== 'OKR') return { code: `SMART_${status}`, params };
  const success = score !== null && score.grade === 'GREEN';
  return { code: status !== 'ACHIEVED' && success ? `OKR_${status}_SUCCESS` : `OKR_${status}`, params };
}

/** Every code `statusMessage` answers, for catalogs that word them. */
export const statusMessageCodes = [
  'NOT_STARTED', 'NO_DATA',
  'SMART_ACHIEVED', 'SMART_MISSED', 'SMART_ON_TRACK', 'SMART_AT_RISK', 'SMART_OFF_TRACK',
  'OKR_ACHIEVED', 'OKR_MISSED', 'OKR_MISSED_SUCCESS', 'OKR_ON_TRACK', 'OKR_ON_TRACK_SUCCESS',
  'OKR_AT_RISK', 'OKR_AT_RISK_SUCCESS', 'OKR_OFF_TRACK', 'OKR_OFF_TRACK_SUCCESS',
] as const;
export type StatusMessageCode = (typeof statusMessageCodes)[number];
