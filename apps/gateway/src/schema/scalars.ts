import { GraphQLError, Kind } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { builder } from './builder.ts';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day: 2026-02-30 is refused, not rolled over into March. */
export function parseIsoDate(value: unknown): string {
  if (typeof value !== 'string' || !isoDate.test(value)) {
    throw new GraphQLError(`Date must be a string YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date ${value} is not a calendar day.`);
  }
  return value;
}

builder.scalarType('Date', {
  description: 'A calendar day, ISO 8601: 2026-03-31.',
  serialize: (value) => String(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD.');
    return parseIsoDate(ast.value);
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with offset: 2026-03-31T09:00:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string.');
    return date;
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
    if (typeof file !== 'object' || file === null || typeof file.name !== 'string' || typeof file.text !== 'function') throw new GraphQLError('File must be uploaded as a multipart form part (GraphQL multipart request spec).');
    return value as File;
  },
});

builder.addScalarType('JSON', JSONResolver);
