import type { KeyResultDraft, ObjectiveDraft, SmartContext, SmartVerdict } from '../contract.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { isRecommendedKpi, recommendedKpis } from '../catalog/kpiRecommendations.ts';
import { primaryCategoriesOf } from '../catalog/primaryObjectiveTypes.ts';
import { defaultPlanningSettings } from '../planning/planningSettings.ts';
import type { SmartFindingCode } from './smartCodes.ts';
import { finding, letter, nameOf } from './smartFindings.ts';

/**
 * Relevant: linked to an existing business goal, with KPIs recommended for the category — and, seed
 * 001, in a plan that does not pursue more primary categories than it can reach and analyse (a setting,
 * 3 by default).
 */
export function relevantLetter(draft: ObjectiveDraft, keyResults: readonly KeyResultDraft[], context: SmartContext): SmartVerdict {
  const fail = (code: SmartFindingCode, message: string, params = {}) => letter([finding('FAIL', code, message, params)], { code: 'RELEVANT_OK', message: '' });
  if (!draft.goalId) return fail('NO_GOAL', 'The objective serves no business goal; link it to the goal of the plan it moves forward.');
  if (!context.goalExists) return fail('GOAL_NOT_FOUND', `The business goal "${draft.goalId}" does not exist in this workspace; link the objective to an existing goal.`, { goalId: draft.goalId });
  if (!draft.category) return letter([finding('WARN', 'NO_CATEGORY', 'The objective has no category, so its KPIs cannot be checked against the recommended ones; choose a category.')], { code: 'RELEVANT_OK', message: '' });
  const category = draft.category;
  const suggestions = recommendedKpis(category).slice(0, 4).map((m) => m.id).join(', ');
  const kpis = keyResults.map((kr, i) =>
    kr.metric && findMetric(kr.metric) && !isRecommendedKpi(category, kr.metric)
      ? finding('WARN', 'KPI_NOT_RECOMMENDED', `${nameOf(kr, i)} is not a KPI recommended for ${category}; make sure it shows progress toward the goal, or use one such as ${suggestions}.`, {
        metric: kr.metric, category, recommended: suggestions,
      }, i)
      : null);
  const max = context.plan?.settings?.maxPrimaryCategories ?? defaultPlanningSettings.maxPrimaryCategories;
  const pursued = primaryCategoriesOf([...(context.plan?.otherCategories ?? []), category]);
  const focus = pursued.length > max
    ? finding('WARN', 'TOO_MANY_PRIMARY_CATEGORIES', `The plan pursues ${pursued.length} primary categories (${pursued.join(', ')}), more than the ${max} it is set to focus on: the more primary objectives a plan pursues, the harder each is to reach and to analyse apart from the rest (seed 001); merge or drop some, or move them to a later plan.`, {
      count: pursued.length, max, categories: pursued.join(','),
    })
    : null;
  return letter([...kpis, focus], { code: 'RELEVANT_OK', message: `Serves a business goal, with KPIs recommended for ${category}.`, params: { category } });
}
