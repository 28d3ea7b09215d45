import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { forgetRequestReads } from '../planning/requestReads.ts';

/**
 * Each mutation field starts with the request's loaders empty: GraphQL runs a document's mutations one
 * after the other, and what one answered (read through the loaders) must not stand in for what the
 * next one changed.
 */
class FreshReadsPerMutation<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.parentType !== 'Mutation') return resolver;
    return (parent, args, context, info) => {
      forgetRequestReads(context as GatewayContext);
      return resolver(parent, args, context, info);
    };
  }
}

const pluginName = 'freshReadsPerMutation';
SchemaBuilder.registerPlugin(pluginName, FreshReadsPerMutation);
export default pluginName;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos names its plugins in this global namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      freshReadsPerMutation: FreshReadsPerMutation<Types>;
    }
  }
}
