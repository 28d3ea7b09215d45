import type { Framework, ObjectiveStatus } from '../vocabulary.ts';
import type { OkrScore } from '../contract.ts';
import { defaultPlanningSettings } from '../planning/planningSettings.ts';
import { statusMessage, type StatusMessage, type StatusMessageCode } from './statusMessage.ts';

/** The English sentence of each status code (other languages word the same codes in the gateway's catalog). */
export function englishStatus({ code, params }: StatusMessage): string {
  const pct = params.score !== null ? `${Math.round(params.score * 100)}%` : 'no score yet';
  const bar = `${Math.round(params.successFrom * 100)}%`;
  switch (code as StatusMessageCode) {
    case 'NOT_STARTED': return 'Not started yet.';
    case 'NO_DATA': return 'No data yet: connect or push the metrics its key results read.';
    case 'SMART_ACHIEVED': return 'Target reached.';
    case 'SMART_MISSED': return 'Deadline passed without reaching the target.';
    case 'SMART_ON_TRACK': return 'On track to reach the target by the deadline.';
    case 'SMART_AT_RISK': return 'At risk: slightly behind the path to the target.';
    case 'SMART_OFF_TRACK': return 'Off track: well behind the path to the target.';
    case 'OKR_ACHIEVED': return `Fully achieved (score ${pct}) — beyond the ${bar} that counts as success.`;
    case 'OKR_MISSED_SUCCESS': return `Closed at ${pct}: a success by OKR standards (${bar} or more).`;
    case 'OKR_MISSED': return `Closed at ${pct}, below the ${bar} that counts as success.`;
    case 'OKR_ON_TRACK_SUCCESS': return `On pace, and already a success (score ${pct}, from ${bar}).`;
    case 'OKR_ON_TRACK': return `On pace (score ${pct}, grade ${params.grade ?? '—'}; success from ${bar}).`;
    case 'OKR_AT_RISK_SUCCESS': return `Behind pace, yet already a success (score ${pct}, from ${bar}).`;
    case 'OKR_AT_RISK': return `Behind pace (score ${pct}): ${bar} is still within reach if the trend improves.`;
    case 'OKR_OFF_TRACK_SUCCESS': return `Well behind pace, though already at ${pct} (success from ${bar}).`;
    case 'OKR_OFF_TRACK': return `Well behind pace (score ${pct}, success from ${bar}): rethink the initiatives behind it.`;
  }
  return code;
}

/** How a status reads for people, in English (see `statusMessage` for the code and its values). */
export function statusWording(framework: Framework, status: ObjectiveStatus, score: OkrScore | null, successFrom = defaultPlanningSettings.okrSuccessFrom): string {
  return englishStatus(statusMessage(framework, status, score, successFrom));
}
