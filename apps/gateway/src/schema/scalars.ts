import { GraphQLError, Kind } from 'graphql';
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

builder.scalarType('JSON', {
  description: 'Arbitrary JSON (connector credentials, settings).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => {
    // Literal JSON objects in a query document are rare; variables are the way to send them.
    if (ast.kind === Kind.STRING) return ast.value;
    throw new GraphQLError('Pass JSON values through variables.');
  },
});
