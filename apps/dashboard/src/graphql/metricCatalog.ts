import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from './graphql.ts';

const MetricCatalogQuery = graphql(`
  query MetricCatalog { metricCatalog { id label unit kind description goodDirection deprecated platforms } }
`);
export type MetricDefinition = ResultOf<typeof MetricCatalogQuery>['metricCatalog'][number];

/** The metric catalog by id (labels and units), fetched once per session. */
export function useMetricCatalog() {
  const [result] = useQuery({ query: MetricCatalogQuery, requestPolicy: 'cache-first' });
  const byId = useMemo(() => new Map((result.data?.metricCatalog ?? []).map((m) => [m.id, m])), [result.data]);
  return { list: result.data?.metricCatalog ?? [], byId, fetching: result.fetching, error: result.error };
}
