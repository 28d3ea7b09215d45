import { isKeyOf, type KeyedRow, type Keyset, type PageWindow } from '@goalpost/db';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import type { InputIssue } from '../errors.ts';
import { badUserInput } from './inputIssues.ts';

/** The relay arguments of a connection field (`first/after` forward, `last/before` backward). */
export interface ConnectionArgs {
  first?: number | null | undefined;
  last?: number | null | undefined;
  after?: string | null | undefined;
  before?: string | null | undefined;
}

/** A paged listing: its name (a cursor of one listing means nothing to another), its order and page sizes. */
export interface Listing {
  name: string;
  keyset: Keyset;
  defaultSize: number;
  maxSize: number;
  /** Without first or last, the newest end: history is read from today backwards. */
  startsFromEnd?: boolean;
}

/** A cursor is the listing's name and the row's exact key, opaque to clients. */
function encodeCursor(listing: Listing, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([listing.name, ...key])).toString('base64url');
}

function decodeCursor(listing: Listing, cursor: string, field: 'after' | 'before'): string[] {
  let decoded: unknown;
  try {
    decoded = cursor.length <= 512 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded[0] === listing.name && isKeyOf(listing.keyset, decoded.slice(1))) return decoded.slice(1) as string[];
  throw badUserInput([{ field, rule: 'cursor', message: `is not a cursor of this connection: pass a startCursor or endCursor it returned` }]);
}

/** Page sizes a client may ask for: whole pages of 1 to maxSize rows, one direction at a time. */
function pageSizeIssues(args: ConnectionArgs, listing: Listing): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const field of ['first', 'last'] as const) {
    const size = args[field];
    if (size == null) continue;
    if (size < 1) issues.push({ field, rule: 'min:1', message: `must be at least 1 (a page of ${size} rows holds nothing)` });
    else if (size > listing.maxSize) issues.push({ field, rule: `max:${listing.maxSize}`, message: `must be at most ${listing.maxSize}: page through the rest with the cursors` });
  }
  if (args.first != null && args.last != null) {
    issues.push({ field: 'last', rule: 'exclusive:first', message: 'give first (with after) to page forward or last (with before) to page backward, not both' });
  }
  return issues;
}

/**
 * Resolves a relay connection over a keyset listing: checks the arguments (a typed BAD_USER_INPUT
 * naming the argument and the rule, before any query), reads one page through `load` and lets the
 * relay plugin's helper shape edges and page info.
 */
export async function keysetConnection<Row>(
  args: ConnectionArgs,
  listing: Listing,
  load: (page: PageWindow) => Promise<KeyedRow<Row>[]>,
) {
  const issues = pageSizeIssues(args, listing);
  if (issues.length > 0) throw badUserInput(issues);
  const after = args.after != null ? decodeCursor(listing, args.after, 'after') : undefined;
  const before = args.before != null ? decodeCursor(listing, args.before, 'before') : undefined;
  const fromEnd = listing.startsFromEnd && args.first == null && args.last == null && !after && !before;
  const connection = await resolveCursorConnection<Promise<KeyedRow<Row>[]>>(
    {
      args: { ...args, ...(fromEnd ? { last: listing.defaultSize } : {}) },
      defaultSize: listing.defaultSize,
      maxSize: listing.maxSize,
      toCursor: (keyed: KeyedRow<Row>) => encodeCursor(listing, keyed.key),
    },
    ({ limit, inverted }) => load({ limit, after, before, inverted }),
  );
  // The helper answers null only when the loader does; ours always gives rows.
  const edges = connection!.edges.flatMap((edge) => (edge ? [{ cursor: edge.cursor, node: edge.node.row }] : []));
  return {
    edges,
    pageInfo: {
      ...connection!.pageInfo,
      // No rows, no positions to report.
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
