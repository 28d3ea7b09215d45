import type { ObjectiveDraft, SmartContext, SmartVerdict } from '../contract.ts';
import { isIsoDate } from '../time/calendarDays.ts';
import type { SmartFindingCode } from './smartCodes.ts';
import { finding, letter } from './smartFindings.ts';

/** Time-bound: a start and a later deadline, inside the plan's period. */
export function timeBoundLetter(draft: ObjectiveDraft, context: SmartContext): SmartVerdict {
  const { startsOn, deadline } = draft;
  const ok = (message: string) => letter([], { code: 'TIME_BOUND_OK', message, params: { startsOn: startsOn ?? null, deadline: deadline ?? null, insidePlan: context.plan !== undefined && context.plan !== null } });
  const fail = (code: SmartFindingCode, message: string, params = {}) => letter([finding('FAIL', code, message, params)], { code: 'TIME_BOUND_OK', message: '' });
  if (!startsOn || !deadline) {
    const missing = !startsOn && !deadline ? 'startsOn,deadline' : !startsOn ? 'startsOn' : 'deadline';
    return fail('DATES_MISSING', `The objective has no ${!startsOn && !deadline ? 'start or deadline' : !startsOn ? 'start' : 'deadline'}; set ${!startsOn && !deadline ? 'both' : 'it'} (YYYY-MM-DD).`, { missing });
  }
  if (!isIsoDate(startsOn) || !isIsoDate(deadline)) return fail('DATES_INVALID', 'The start and the deadline must be calendar days written YYYY-MM-DD; correct them.');
  if (deadline <= startsOn) return fail('DEADLINE_NOT_AFTER_START', `The deadline ${deadline} is not after the start ${startsOn}; move it later.`, { startsOn, deadline });
  if (context.plan && (startsOn < context.plan.startsOn || deadline > context.plan.endsOn)) {
    return fail('OUTSIDE_PLAN_PERIOD', `The objective runs ${startsOn} – ${deadline}, outside the plan period ${context.plan.startsOn} – ${context.plan.endsOn}; keep it inside.`, {
      startsOn, deadline, planStartsOn: context.plan.startsOn, planEndsOn: context.plan.endsOn,
    });
  }
  return ok(`Runs from ${startsOn} to a deadline of ${deadline}${context.plan ? ', inside the plan period' : ''}.`);
}
