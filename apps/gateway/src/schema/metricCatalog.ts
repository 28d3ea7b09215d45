import { metricCatalog, recommendedKpis, type MetricDefinition } from '@goalpost/domain';
import { builder } from './builder.ts';
import { DirectionEnum, ObjectiveCategoryEnum, PlatformEnum } from './enums.ts';

const MetricDefinitionRef = builder.objectRef<MetricDefinition>('MetricDefinition').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    label: t.exposeString('label'),
    description: t.exposeString('description'),
    unit: t.exposeString('unit'),
    kind: t.exposeString('kind', { description: 'CUMULATIVE (a level), FLOW (a daily count) or DERIVED (a KPI).' }),
    goodDirection: t.field({ type: DirectionEnum, resolve: (m) => m.goodDirection }),
    platforms: t.field({ type: [PlatformEnum], resolve: (m) => [...m.platforms] }),
    inputs: t.stringList({ resolve: (m) => [...m.inputs] }),
    formula: t.exposeString('formula', { nullable: true }),
    deprecated: t.boolean({ resolve: (m) => m.deprecated !== undefined }),
  }),
});

builder.queryFields((t) => ({
  metricCatalog: t.field({ type: [MetricDefinitionRef], resolve: () => [...metricCatalog] }),
  kpiRecommendations: t.field({
    type: [MetricDefinitionRef],
    args: { category: t.arg({ type: ObjectiveCategoryEnum, required: true }) },
    resolve: (_root, args) => recommendedKpis(args.category),
  }),
}));
