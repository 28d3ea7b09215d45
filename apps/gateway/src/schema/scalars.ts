import { isIsoDate, isSupportedDay, supportedDays } from '@goalpost/domain';
import { GraphQLError, Kind } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { builder } from './builder.ts';

/** A refused scalar value: typed like every bad input, with the rule it broke (the field is in the message's path). */
const badScalar = (message: string, rule: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', rule } });
const shown = (value: unknown) => JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : value) ?? String(value);

/** A real calendar day in the supported range: 2026-02-30 is refused, not rolled over into March, and 0000-01-01 never reaches PostgreSQL. */
export function parseIsoDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw badScalar(`Date must be a string YYYY-MM-DD, got ${shown(value)}.`, 'date');
  }
  if (!isIsoDate(value)) throw badScalar(`Date ${value} is not a calendar day.`, 'date');
  if (!isSupportedDay(value)) throw badScalar(`Date ${value} is outside the supported days, ${supportedDays.first} to ${supportedDays.last}.`, 'date-range');
  return value;
}

// ISO 8601 with a time and an offset (Z or ±hh:mm); fractions of a second up to nanoseconds are read to the millisecond.
const isoInstant = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant with its offset, on a supported day: "tomorrow" or 1e15 are refused, not guessed at. */
export function parseIsoInstant(value: unknown): Date {
  const match = typeof value === 'string' ? isoInstant.exec(value) : null;
  const date = match ? new Date(value as string) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || !isIsoDate(match[1]!)) {
    throw badScalar(`DateTime must be an ISO 8601 string with an offset, e.g. 2026-03-31T09:00:00Z; got ${shown(value)}.`, 'date-time');
  }
  if (!isSupportedDay(date.toISOString().slice(0, 10))) {
    throw badScalar(`DateTime ${value as string} is outside the supported days, ${supportedDays.first} to ${supportedDays.last}.`, 'date-range');
  }
  return date;
}

builder.scalarType('Date', {
  description: 'A calendar day, ISO 8601: 2026-03-31.',
  serialize: (value) => String(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badScalar('Date must be a string YYYY-MM-DD.', 'date');
    return parseIsoDate(ast.value);
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with offset: 2026-03-31T09:00:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: parseIsoInstant,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badScalar('DateTime must be an ISO 8601 string with an offset.', 'date-time');
    return parseIsoInstant(ast.value);
  },
});

builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request spec (a form field per file, mapped onto variables).',
  serialize: () => {
    throw new GraphQLError('File is an input type only.');
  },
  parseValue: (value) => {
    // Yoga hands over its own File (the @whatwg-node ponyfill), so check the shape, not the class.
    const file = value as Partial<File> | null;
    if (typeof file !== 'object' || file === null || typeof file.name !== 'string' || typeof file.text !== 'function') throw badScalar('File must be uploaded as a multipart form part (GraphQL multipart request spec).', 'file');
    return value as File;
  },
});

builder.addScalarType('JSON', JSONResolver);
