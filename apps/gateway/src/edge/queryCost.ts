import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { getNamedType, getNullableType, isCompositeType, isListType, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { FieldComplexityValue } from '@pothos/plugin-complexity';

/** What the cost of a query is measured with (passed as the complexity rule's context). */
export interface CostAssumptions {
  /** The size of a list whose size the query does not state (`first`/`last`). */
  assumedListSize: number;
}

const pageSizeArguments = ['first', 'last'];

/**
 * The price of one field for @pothos/plugin-complexity: 1 for every object it resolves, 0 for a scalar
 * (read from what its parent loaded); a list multiplies what is selected under it by its page size —
 * `first`/`last` when given (connections and paged lists alike), the assumed size otherwise. A
 * connection's `edges` are already counted by its page size.
 */
export function fieldCost(args: Record<string, unknown>, { assumedListSize }: CostAssumptions, field: GraphQLField<unknown, unknown>): FieldComplexityValue {
  if (!isCompositeType(getNamedType(field.type))) return 0;
  const requested = pageSizeArguments.map((name) => args[name]).find((value): value is number => typeof value === 'number');
  if (requested !== undefined) return { field: 1, multiplier: Math.max(requested, 0) };
  if (isListType(getNullableType(field.type))) {
    return { field: 1, multiplier: getNamedType(field.type).name.endsWith('Edge') ? 1 : assumedListSize };
  }
  return field.args.some((arg) => pageSizeArguments.includes(arg.name)) ? { field: 1, multiplier: assumedListSize } : 1;
}

/**
 * The schema as the cost rule reads it: every field priced by `fieldCost`, and without Pothos' argument
 * mappers, so that the cost is counted from the arguments as sent — an argument that fails its
 * validation is the resolver's to refuse (typed), not a reason to skip counting the rest of the query.
 */
export function costSchemaOf(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.COMPOSITE_FIELD]: (field) => ({ ...field, extensions: { ...field.extensions, pothosArgMappers: [], complexity: fieldCost } }),
  });
}
