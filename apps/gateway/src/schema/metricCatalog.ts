import { deprecationsAffecting, metricCatalog, platformGuidance, platforms, recommendedKpis, type PlatformGuidance, type MetricDefinition, type Platform, type PlatformMetricDeprecation } from '@goalpost/domain';
import { builder } from './builder.ts';
import { DirectionEnum, ObjectiveCategoryEnum, PlatformEnum } from './enums.ts';

/** A platform metric retired by its platform; `inEffect` once the day has come (judged on the server's today). */
export const PlatformMetricDeprecationRef = builder.objectRef<PlatformMetricDeprecation>('PlatformMetricDeprecation').implement({
  description: 'A platform stops reporting a metric: key results reading it from that platform get no values from deprecatedOn.',
  fields: (t) => ({
    platform: t.field({ type: PlatformEnum, resolve: (d) => d.platform }),
    metric: t.exposeString('metric', { description: 'The catalog metric that was read from it.' }),
    platformMetric: t.exposeString('platformMetric', { description: "The platform's own name for it, e.g. page_impressions." }),
    deprecatedOn: t.expose('deprecatedOn', { type: 'Date' }),
    advice: t.exposeString('advice'),
    inEffect: t.boolean({ resolve: (d, _args, ctx) => d.deprecatedOn <= ctx.now().toISOString().slice(0, 10) }),
  }),
});

const PlatformGuidanceRef = builder.objectRef<PlatformGuidance>('PlatformGuidance').implement({
  fields: (t) => ({ platform: t.field({ type: PlatformEnum, resolve: (g) => g.platform }), note: t.exposeString('note') }),
});

const MetricDefinitionRef = builder.objectRef<MetricDefinition>('MetricDefinition').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    label: t.exposeString('label'),
    description: t.exposeString('description'),
    unit: t.exposeString('unit'),
    kind: t.exposeString('kind', { description: 'CUMULATIVE (a level), FLOW (a daily count) or DERIVED (a KPI).' }),
    aggregation: t.string({
      description: 'How a window is read: LATEST level (CUMULATIVE), SUM of the days (FLOW), or FORMULA over the window\'s sums and levels (DERIVED).',
      resolve: (m) => (m.kind === 'CUMULATIVE' ? 'LATEST' : m.kind === 'FLOW' ? 'SUM' : 'FORMULA'),
    }),
    goodDirection: t.field({ type: DirectionEnum, resolve: (m) => m.goodDirection }),
    platforms: t.field({ type: [PlatformEnum], resolve: (m) => [...m.platforms] }),
    inputs: t.stringList({ resolve: (m) => [...m.inputs] }),
    formula: t.exposeString('formula', { nullable: true }),
    deprecated: t.boolean({ resolve: (m) => m.deprecated !== undefined }),
    platformDeprecations: t.field({
      type: [PlatformMetricDeprecationRef],
      description: 'Platforms that stop (or stopped) reporting this metric or, for a KPI, one of its inputs.',
      resolve: (m) => deprecationsAffecting(m.id, platforms as readonly Platform[]),
    }),
  }),
});

builder.queryFields((t) => ({
  metricCatalog: t.field({ type: [MetricDefinitionRef], resolve: () => [...metricCatalog] }),
  kpiRecommendations: t.field({
    type: [MetricDefinitionRef],
    args: { category: t.arg({ type: ObjectiveCategoryEnum, required: true }) },
    resolve: (_root, args) => recommendedKpis(args.category),
  }),
  platformGuidance: t.field({
    type: [PlatformGuidanceRef],
    description: 'The networks suited to an objective category, and why (seed 002): advice, never a rule.',
    args: { category: t.arg({ type: ObjectiveCategoryEnum, required: true }) },
    resolve: (_root, args) => platformGuidance(args.category),
  }),
}));
