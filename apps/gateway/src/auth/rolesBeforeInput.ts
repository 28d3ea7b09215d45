import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { RequestCache, type AuthFailure } from '@pothos/plugin-scope-auth';
import type { GraphQLFieldResolver } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { scopeRefusal } from './refusals.ts';

type ScopeMap = Record<string, unknown>;
type FieldScopes = ScopeMap | ((parent: unknown, args: unknown, ctx: unknown, info: unknown) => ScopeMap | Promise<ScopeMap>);

/**
 * The role check before the input's: Pothos runs argument validation (its arg mappers) before
 * scope-auth's check, so a VIEWER sending a malformed input learnt which rule it broke (an InputError)
 * instead of hearing it may not act at all. This plugin checks the same scopes — the root type's
 * unless the field skips them, then the field's own — with scope-auth's per-request cache, outside the
 * arg mappers; a refusal is scope-auth's own answer (`scopeRefusal`), so the payload's ForbiddenError.
 * Scope-auth still checks again inside (cached): nothing is decided here that it would not decide.
 */
export class RolesBeforeInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!resolver || fieldConfig.argMappers.length === 0) return resolver;
    const typeConfig = this.buildCache.getTypeConfig(fieldConfig.parentType);
    if (typeConfig.kind !== 'Query' && typeConfig.kind !== 'Mutation') return resolver;
    const options = fieldConfig.pothosOptions as { authScopes?: FieldScopes; skipTypeScopes?: boolean };
    const typeScopes = (typeConfig.pothosOptions as { authScopes?: unknown }).authScopes;
    const maps: FieldScopes[] = [];
    if (!options.skipTypeScopes && typeScopes && typeof typeScopes === 'object') maps.push(typeScopes as ScopeMap);
    if (options.authScopes) maps.push(options.authScopes);
    if (maps.length === 0) return resolver;
    return async (parent, args, context, info) => {
      const cache = RequestCache.fromContext(context as object, this.builder as never);
      for (const scopes of maps) {
        const map = typeof scopes === 'function' ? await scopes(parent, args, context, info) : scopes;
        const failure = (await cache.evaluateScopeMap(map as never, info)) as AuthFailure | null;
        if (failure) throw scopeRefusal(context as unknown as GatewayContext, info, failure);
      }
      return resolver(parent, args, context, info);
    };
  }
}

const pluginName = 'rolesBeforeInput';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      rolesBeforeInput: RolesBeforeInputPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, RolesBeforeInputPlugin);

export default pluginName;
