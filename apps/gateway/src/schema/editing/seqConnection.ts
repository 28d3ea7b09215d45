import { resolveCursorConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';

/** A page request over rows in insertion order (`seq`), newest first; `newestFirst: false` for `last`/`before`. */
export interface SeqPage {
  limit: number;
  after?: number | undefined;
  before?: number | undefined;
  newestFirst: boolean;
}

const prefix = 'seq:';

function decode(cursor: string | undefined, argument: string): number | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const seq = Number(text.slice(prefix.length));
  if (!text.startsWith(prefix) || !Number.isSafeInteger(seq) || seq < 0) {
    throw new GraphQLError(`The \`${argument}\` cursor is not one this API returned.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: argument } });
  }
  return seq;
}

/**
 * A relay connection, newest first, over a keyset of `seq`: stable while rows are appended (a page
 * never repeats or skips an entry written meanwhile), and one indexed range scan per page.
 */
export async function seqConnection<Row extends { seq: number }>(
  args: DefaultConnectionArguments,
  load: (page: SeqPage) => Promise<Row[]>,
): Promise<{ edges: readonly { cursor: string; node: Row }[]; pageInfo: PageInfo }> {
  return resolveCursorConnection<Promise<readonly Row[]>>(
    { args, defaultSize: 20, maxSize: 100, toCursor: (row: Row) => Buffer.from(`${prefix}${row.seq}`).toString('base64url') },
    ({ after, before, limit, inverted }) =>
      load({ limit, after: decode(after, 'after'), before: decode(before, 'before'), newestFirst: !inverted }),
  );
}

interface PageInfo {
  startCursor?: string | null | undefined;
  endCursor?: string | null | undefined;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}
