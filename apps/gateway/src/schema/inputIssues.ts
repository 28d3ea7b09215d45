import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { InputError, type InputIssue } from '../errors.ts';

type Path = readonly (PropertyKey | { key: PropertyKey })[] | undefined;

/** `['input', 'keyResults', 0, 'metric']` → `input.keyResults[0].metric`. */
export function fieldPath(path: Path, prefix = ''): string {
  let out = prefix;
  for (const part of path ?? []) {
    const key = typeof part === 'object' && part !== null ? part.key : part;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out || 'input';
}

/** The rule name carried by a zod issue: its code, or the custom `params.rule` set by a refinement. */
function ruleOf(issue: unknown): string {
  const i = issue as { code?: string; params?: { rule?: string } };
  return i.params?.rule ?? i.code ?? 'invalid';
}

const paramKeys = ['minimum', 'maximum', 'inclusive', 'format', 'expected', 'origin'] as const;

/**
 * The values of a zod issue a message is built from (minimum, maximum, format…), for other languages.
 * Read by key, not by own properties: the validation plugin hands over issues that inherit them.
 */
function paramsOf(issue: unknown): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  const take = (key: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[key] = value;
    else if (typeof value === 'bigint') params[key] = Number(value);
  };
  for (const key of paramKeys) take(key, (issue as Record<string, unknown>)[key]);
  // A refinement's own values (`params: { rule: 'range', min: 0 }`), beside the rule it names.
  const custom = (issue as { params?: unknown }).params;
  if (custom && typeof custom === 'object') for (const [key, value] of Object.entries(custom)) if (key !== 'rule') take(key, value);
  return params;
}

export function inputErrorFromIssues(issues: readonly StandardSchemaV1.Issue[], prefix = ''): InputError {
  return InputError.of(
    issues.map((issue): InputIssue => ({ field: fieldPath(issue.path, prefix), rule: ruleOf(issue), message: issue.message, params: paramsOf(issue) })),
  );
}

/** Runs a zod schema inside a resolver, turning its failure into the same typed InputError. */
export function checkInput<T>(schema: z.ZodType<T>, value: unknown, prefix = 'input'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw inputErrorFromIssues(result.error.issues as StandardSchemaV1.Issue[], prefix);
  return result.data;
}

/**
 * A refused argument of a query or subscription field, which has no payload union to carry an
 * InputError: a GraphQL error with code BAD_USER_INPUT and, in its extensions, the first issue's field
 * and rule and every issue.
 */
export function badUserInput(issues: InputIssue[]): GraphQLError {
  const [first] = issues;
  return new GraphQLError(InputError.of(issues).message, {
    extensions: { code: 'BAD_USER_INPUT', field: first?.field, rule: first?.rule, issues },
  });
}

/** Runs the checks of a query or subscription field: the InputErrors shared with mutations become BAD_USER_INPUT. */
export async function asQueryInput<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof InputError) throw badUserInput(error.issues);
    throw error;
  }
}

/** `checkInput` for query and subscription fields. */
export function checkQueryInput<T>(schema: z.ZodType<T>, value: unknown, prefix = 'input'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badUserInput(inputErrorFromIssues(result.error.issues as StandardSchemaV1.Issue[], prefix).issues);
  return result.data;
}
