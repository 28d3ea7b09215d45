import type { Framework, ObjectiveStatus } from '../vocabulary.ts';
import type { OkrScore } from '../contract.ts';

/**
 * How a status reads for people. SMART targets are meant to be hit in full; OKR key results are
 * ambitious, and 0.7 of the way counts as success, so the same status is worded against that bar.
 */
export function statusWording(framework: Framework, status: ObjectiveStatus, score: OkrScore | null): string {
  const pct = score ? `${Math.round(score.score * 100)}%` : 'no score yet';
  if (framework === 'OKR') {
    switch (status) {
      case 'ACHIEVED': return `Fully achieved (score ${pct}) — beyond the 70% that counts as success.`;
      case 'MISSED': return score && score.score >= 0.7 ? `Closed at ${pct}: a success by OKR standards.` : `Closed at ${pct}, below the 70% that counts as success.`;
      case 'ON_TRACK': return `On pace (score ${pct}, grade ${score?.grade ?? '—'}).`;
      case 'AT_RISK': return `Behind pace (score ${pct}): 70% is still within reach if the trend improves.`;
      case 'OFF_TRACK': return `Well behind pace (score ${pct}): rethink the initiatives behind it.`;
      case 'NOT_STARTED': return 'Not started yet.';
      case 'NO_DATA': return 'No data yet: connect or push the metrics its key results read.';
    }
  }
  switch (status) {
    case 'ACHIEVED': return 'Target reached.';
    case 'MISSED': return 'Deadline passed without reaching the target.';
    case 'ON_TRACK': return 'On track to reach the target by the deadline.';
    case 'AT_RISK': return 'At risk: slightly behind the path to the target.';
    case 'OFF_TRACK': return 'Off track: well behind the path to the target.';
    case 'NOT_STARTED': return 'Not started yet.';
    case 'NO_DATA': return 'No data yet: connect or push the metrics its key results read.';
  }
}
