import type { Db } from '@goalpost/db';
import type { KyselyPlugin, QueryId } from 'kysely';

/**
 * `db` seen through a plugin that notes every statement it executes (raw `sql` ones included), by kind
 * (`SelectQueryNode`, `RawNode`…). Counted when a result comes back, so a subquery built into another
 * statement is not one; a transaction's BEGIN and COMMIT are not statements of the plugin's.
 */
export function countingStatements(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const kinds = new WeakMap<QueryId, string>();
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      kinds.set(args.queryId, args.node.kind);
      return args.node;
    },
    transformResult: async (args) => {
      statements.push(kinds.get(args.queryId) ?? 'unknown');
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), statements };
}
