import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/** How a key column is written in a cursor and read back: always as text, never through a JS Date. */
export type KeyType = 'timestamptz' | 'uuid' | 'date';

/**
 * The order of a listing, as the columns that make each row's position unique (the last one is a unique
 * id or unique within the listing), all in one direction so that a row comparison `(a, b) > (x, y)`
 * finds the rows after a key.
 */
export interface Keyset {
  columns: readonly { column: string; type: KeyType }[];
  order: 'asc' | 'desc';
}

/**
 * One page to read: `limit` rows after `after` and/or before `before` (keys from `KeyedRow.key`); with
 * `inverted` the rows nearest `before` (a `last` page), read backwards.
 */
export interface PageWindow {
  limit: number;
  after?: readonly string[] | undefined;
  before?: readonly string[] | undefined;
  inverted: boolean;
}

/** A row and its key, the exact text of its key columns. */
export interface KeyedRow<Row> {
  row: Row;
  key: string[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const instant = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const day = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** Whether values can be a key of the keyset: checked before they reach SQL as casts. */
export function isKeyOf(keyset: Keyset, values: readonly unknown[]): values is string[] {
  if (values.length !== keyset.columns.length) return false;
  return keyset.columns.every(({ type }, i) => {
    const value = values[i];
    if (typeof value !== 'string') return false;
    if (type === 'uuid') return uuid.test(value);
    if (type === 'date') return day.test(value) && realDay(value);
    const match = instant.exec(value);
    return match !== null && realDay(match[1]!);
  });
}

/**
 * The key column as text with full precision: PostgreSQL keeps microseconds, a JS Date only
 * milliseconds, and a cursor rounded to the millisecond would find its own row again.
 */
function keyText(column: string, type: KeyType): RawBuilder<string> {
  const ref = sql.ref(column);
  if (type === 'timestamptz') return sql<string>`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  if (type === 'date') return sql<string>`to_char(${ref}, 'YYYY-MM-DD')`;
  return sql<string>`${ref}::text`;
}

function keyTuple(keyset: Keyset, values: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(keyset.columns.map(({ type }, i) => sql`cast(${values[i]} as ${sql.raw(type)})`))})`;
}

/**
 * Reads one page of any listing by keyset: the query gives the rows (filters, workspace), this adds the
 * key comparison, the order and the limit. Rows come back in the direction read (reversed for an
 * inverted page, as the relay connection helpers expect), each with its key.
 */
export async function selectKeysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset,
  page: PageWindow,
): Promise<KeyedRow<O>[]> {
  const columns = sql`(${sql.join(keyset.columns.map(({ column }) => sql.ref(column)))})`;
  const [afterOp, beforeOp] = keyset.order === 'asc' ? ['>', '<'] : ['<', '>'];
  let paged = query as SelectQueryBuilder<DB, TB, O>;
  if (page.after) paged = paged.where(sql<boolean>`${columns} ${sql.raw(afterOp!)} ${keyTuple(keyset, page.after)}`);
  if (page.before) paged = paged.where(sql<boolean>`${columns} ${sql.raw(beforeOp!)} ${keyTuple(keyset, page.before)}`);
  const direction = (keyset.order === 'asc') !== page.inverted ? 'asc' : 'desc';
  for (const { column } of keyset.columns) paged = paged.orderBy(sql.ref(column), direction);
  const keyed = paged.select(keyset.columns.map(({ column, type }, i) => keyText(column, type).as(`keyset_${i}`)));
  const rows = (await keyed.limit(page.limit).execute()) as (O & Record<string, string>)[];
  return rows.map((row) => {
    const key = keyset.columns.map((_, i) => row[`keyset_${i}`]!);
    const plain = { ...row } as Record<string, unknown>;
    for (let i = 0; i < keyset.columns.length; i++) delete plain[`keyset_${i}`];
    return { row: plain as O, key };
  });
}
