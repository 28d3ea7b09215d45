import type { MetricDefinition } from '../contract.ts';

/** A cost KPI (cost per click, per acquisition, per follower…): spend divided by what it buys (its second input). */
export function isCostKpi(definition: MetricDefinition | undefined): definition is MetricDefinition {
  return definition?.kind === 'DERIVED' && definition.inputs[0] === 'spend' && definition.goodDirection === 'DECREASE';
}

/** A per-post KPI (reach per post, comments per post…): read over the posts published in the period. */
export function isPerPostKpi(definition: MetricDefinition | undefined): definition is MetricDefinition {
  return definition?.kind === 'DERIVED' && definition.inputs.includes('posts');
}
