import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed documents against the gateway's checked-in schema.graphql: `npm run typecheck` regenerates
 * graphql-env.d.ts from it and checks every document, so a schema change that breaks the dashboard
 * fails there. Fragments are not masked: screens read what their documents select.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: { Date: string; DateTime: string; File: File };
}>();

export type { ResultOf, VariablesOf, FragmentOf } from 'gql.tada';
