import { AliasNode, TableNode, type KyselyPlugin, type RootOperationNode } from 'kysely';

/** What a statement is, for a readable count: its kind and the table it reads first (raw SQL: its first words). */
function statementName(node: RootOperationNode): string {
  if (node.kind === 'RawNode') return `raw ${node.sqlFragments.join('?').replace(/\s+/g, ' ').trim().slice(0, 60)}`;
  const from = node.kind === 'SelectQueryNode' ? node.from?.froms[0] : undefined;
  const table = from && TableNode.is(from) ? from.table.identifier.name : from && AliasNode.is(from) && TableNode.is(from.node) ? from.node.table.identifier.name : undefined;
  return table ? `select ${table}` : node.kind;
}

/**
 * A Kysely plugin that counts the statements a db runs (each once, when its result comes back), named by
 * `statementName`. `during(work)` answers what ran while `work` did; put the plugin on the db the code
 * under measure uses (`db.withPlugin(counter.plugin)`).
 */
export function statementCounter() {
  const named = new Map<string, string>();
  let ran: string[] | null = null;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      named.set(queryId.queryId, statementName(node));
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      ran?.push(named.get(queryId.queryId) ?? 'unknown');
      named.delete(queryId.queryId);
      return result;
    },
  };
  async function during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    ran = [];
    try {
      const result = await work();
      return { result, statements: ran };
    } finally {
      ran = null;
    }
  }
  return { plugin, during };
}
