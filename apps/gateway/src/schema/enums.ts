import {
  businessGoalKinds, objectiveCategories, frameworks, directions, accountSources, objectiveStatuses,
  platforms, verdicts, planStatuses, alertKinds, alertSeverities, alertStates, accountStatuses, paceCurves,
} from '@goalpost/domain';
import { builder } from './builder.ts';

export const BusinessGoalKindEnum = builder.enumType('BusinessGoalKind', { values: businessGoalKinds });
export const ObjectiveCategoryEnum = builder.enumType('ObjectiveCategory', { values: objectiveCategories });
export const FrameworkEnum = builder.enumType('Framework', { values: frameworks });
export const DirectionEnum = builder.enumType('Direction', { values: directions });
export const PaceCurveEnum = builder.enumType('PaceCurve', {
  values: paceCurves,
  description: 'The path expected progress follows from start to deadline: LINEAR, FRONT_LOADED (fast first), BACK_LOADED (a late build-up), S_CURVE (slow, fast, slow).',
});
export const AccountSourceEnum = builder.enumType('AccountSource', { values: accountSources });
export const AccountStatusEnum = builder.enumType('AccountStatus', { values: accountStatuses });
export const ObjectiveStatusEnum = builder.enumType('ObjectiveStatus', { values: objectiveStatuses });
export const PlatformEnum = builder.enumType('Platform', { values: platforms });
export const VerdictEnum = builder.enumType('Verdict', { values: verdicts });
export const PlanStatusEnum = builder.enumType('PlanStatus', { values: planStatuses });
export const AlertKindEnum = builder.enumType('AlertKind', { values: alertKinds });
export const AlertSeverityEnum = builder.enumType('AlertSeverity', { values: alertSeverities });
export const AlertStateEnum = builder.enumType('AlertState', { values: alertStates });
