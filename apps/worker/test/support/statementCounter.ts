import type { Db } from '@goalpost/db';
import type { KyselyPlugin } from 'kysely';

/**
 * `db` seen through a plugin that notes every statement it runs (raw `sql` ones included), by kind
 * (`SelectQueryNode`, `RawNode`…). A transaction's BEGIN and COMMIT are not statements of the plugin's.
 */
export function countingStatements(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), statements };
}
