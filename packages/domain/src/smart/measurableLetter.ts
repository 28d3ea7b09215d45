import type { KeyResultDraft, KeyResultSources, MetricDefinition, SmartContext, SmartFinding, SmartVerdict } from '../contract.ts';
import type { IsoDate } from '../vocabulary.ts';
import { connectorFetches, connectorOf, platformsFetching } from '../catalog/connectorMetrics.ts';
import { findMetric } from '../catalog/metricCatalog.ts';
import { deprecationsAffecting } from '../catalog/platformMetricDeprecations.ts';
import { finding, letter, nameOf } from './smartFindings.ts';

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/** The raw metrics a key result reads that nothing in scope delivers (see `KeyResultSources`). */
export function undeliveredMetrics(definition: MetricDefinition, sources: KeyResultSources): string[] {
  const read = definition.kind === 'DERIVED' ? definition.inputs : [definition.id];
  if (sources.openSources.length > 0) return [];
  return read.filter((m) => !sources.metricsWithData.includes(m) && !sources.connectorPlatforms.some((p) => connectorFetches(p, m)));
}

/** Which sources would deliver these metrics, in words: the connectors that fetch every one of them, else push, import or entry. */
function wouldDeliver(metrics: readonly string[]): { platforms: string[]; words: string } {
  const platforms = platformsFetching(metrics[0] ?? '').filter((p) => metrics.every((m) => connectorFetches(p, m)));
  const by = platforms.map((p) => `${p} (${connectorOf(p)!.connector})`);
  return {
    platforms,
    words: platforms.length > 0
      ? `connect an account of ${list(by)}, whose connector${platforms.length > 1 ? 's fetch' : ' fetches'} ${metrics.length > 1 ? 'them' : 'it'}, or push, import or enter the values`
      : `no connector fetches ${metrics.length > 1 ? 'them' : 'it'}: push, import or enter the values`,
  };
}

function deliverable(kr: KeyResultDraft, i: number, definition: MetricDefinition, sources: KeyResultSources): SmartFinding | null {
  const name = nameOf(kr, i);
  const read = definition.kind === 'DERIVED' ? [...definition.inputs] : [definition.id];
  if (sources.accounts === 0) {
    const deliver = wouldDeliver(read);
    return finding('WARN', 'NO_ACCOUNT_IN_SCOPE', `${name}: no account is in its scope yet, so nothing delivers ${definition.label}; ${deliver.words}.`, {
      metric: definition.id, deliveredBy: deliver.platforms.join(','),
    }, i);
  }
  const missing = undeliveredMetrics(definition, sources);
  if (missing.length === 0) return null;
  const deliver = wouldDeliver(missing);
  const connectors = sources.connectorPlatforms.map((p) => connectorOf(p)?.connector ?? p);
  const inScope = connectors.length > 0 ? `the ${list(connectors)} connector${connectors.length > 1 ? 's do' : ' does'} not fetch ${list(missing)}` : `no account in scope delivers ${list(missing)}`;
  return finding('WARN', 'METRIC_NOT_DELIVERED', `${name}: ${inScope}${definition.kind === 'DERIVED' ? ` (needed for ${definition.label})` : ''} and nothing has been pushed or imported for it; ${deliver.words}.`, {
    metric: definition.id, missing: missing.join(','), connectorsInScope: sources.connectorPlatforms.join(','), deliveredBy: deliver.platforms.join(','),
  }, i);
}

/**
 * Measurable: the metric is in the catalog, and something in scope delivers it — a connected account
 * whose connector fetches it (`connectorMetrics`), a PUSH, MANUAL or DEMO account, or points already
 * there (an import) — for a KPI, every input. Otherwise a warning naming what would deliver it; also
 * one when the platform retires the metric before the deadline.
 */
export function measurableLetter(keyResults: readonly KeyResultDraft[], context: SmartContext, deadline: IsoDate | undefined): SmartVerdict {
  const ok = { code: 'MEASURABLE_OK' as const, message: 'Every metric is in the catalog and a source in its scope delivers it.' };
  if (keyResults.length === 0) return letter([finding('FAIL', 'NO_KEY_RESULTS', 'Nothing can be measured yet: add a key result on a metric from the catalog.')], ok);
  return letter(keyResults.map((kr, i): SmartFinding | null => {
    if (!kr.metric) return finding('FAIL', 'NO_METRIC', `${nameOf(kr, i)} has no metric; pick one from the metric catalog.`, {}, i);
    const definition = findMetric(kr.metric);
    if (!definition) {
      return finding('FAIL', 'UNKNOWN_METRIC', `${nameOf(kr, i)}: "${kr.metric}" is not in the metric catalog; pick a catalog metric such as followers or engagement_rate_by_reach.`, { metric: kr.metric }, i);
    }
    const krContext = context.keyResults[i];
    const sources = krContext?.sources;
    const delivery = sources
      ? deliverable(kr, i, definition, sources)
      : krContext?.measurable
        ? null
        : finding('WARN', 'NO_SOURCE', `${nameOf(kr, i)}: no connected source delivers ${definition.label} for this scope; connect an account, or push, import or enter the values.`, { metric: definition.id }, i);
    if (delivery) return delivery;
    if (definition.deprecated) {
      return finding('WARN', 'METRIC_RETIRED', `${nameOf(kr, i)}: ${definition.label} has been retired by its platform since ${definition.deprecated.since} (${definition.deprecated.note}); choose a metric that is still reported.`, {
        metric: definition.id, since: definition.deprecated.since,
      }, i);
    }
    const retired = deprecationsAffecting(definition.id, krContext?.scopePlatforms ?? []).find((d) => !deadline || d.deprecatedOn <= deadline);
    if (retired) {
      return finding('WARN', 'PLATFORM_RETIRES_METRIC', `${nameOf(kr, i)}: ${retired.platform} stops reporting ${retired.platformMetric} (read as ${retired.metric}) from ${retired.deprecatedOn}, so the key result gets no new values from then. ${retired.advice}`, {
        metric: retired.metric, platform: retired.platform, platformMetric: retired.platformMetric, deprecatedOn: retired.deprecatedOn,
      }, i);
    }
    return null;
  }), ok);
}
