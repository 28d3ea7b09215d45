import { decodeGlobalID } from '@pothos/plugin-relay';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The node a global id names, when it can name one: a Node type of this schema and a row id of the
 * shape rows have. Anything else is no node (null), and never reaches PostgreSQL as an invalid uuid.
 */
function nodeIdOf(globalId: string, schema: GraphQLSchema): { type: string; id: string } | null {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return null;
  }
  const type = schema.getType(decoded.typename);
  const isNode = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
  return isNode && uuid.test(decoded.id) ? { type: decoded.typename, id: decoded.id } : null;
}

builder.queryField('node', (t) =>
  t.node({
    description: "The object of a global id, in your workspace; null for an id that names nothing there (malformed, unknown or another workspace's).",
    args: { id: t.arg.id({ required: true }) },
    id: (_root, args, _ctx, info) => nodeIdOf(String(args.id), info.schema),
  }),
);
