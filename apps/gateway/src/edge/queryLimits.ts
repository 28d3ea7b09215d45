import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, visit, type DocumentNode, type ExecutionArgs, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { costSchemaOf, type CostAssumptions } from './queryCost.ts';
import type { EdgeSettings } from './edgeSettings.ts';

/** graphql-armor's plugins are envelop plugins, which yoga takes as they are. */
type ArmorPlugin = ReturnType<typeof maxDepthPlugin>;

/** A refusal naming the limit and the value found; answered before anything is resolved. */
function limitError(code: string, message: string, limit: number, found?: number): GraphQLError {
  return new GraphQLError(`${message}: ask for less in one request, or split it.`, {
    extensions: { code, limit, ...(found !== undefined ? { found } : {}) },
  });
}

/** graphql-armor rejects with "Syntax Error: <limit> of N exceeded, found M."; report it with its code instead. */
function armorRejection(code: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const text = error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
    const found = /found (\d+)/.exec(text)?.[1];
    const refusal = limitError(code, text, limit, found === undefined ? undefined : Number(found));
    // Validation rules report and go on; the token limit stops the parser by throwing.
    if (context) context.reportError(refusal);
    else throw refusal;
  };
}

/** A graphql-js rule whose errors carry `code`. */
function withCode(rule: ValidationRule, code: string): ValidationRule {
  return (context) =>
    rule(
      Object.create(context, {
        reportError: { value: (error: GraphQLError) => context.reportError(new GraphQLError(error.message, { nodes: error.nodes ?? null, extensions: { code } })) },
      }) as ValidationContext,
    );
}

/**
 * The cost of the operation about to run (fieldCost in queryCost.ts, counted by @pothos/plugin-complexity
 * with the request's variables, so `plans(first: $n)` costs what `$n` asks for), refused over `maxCost`.
 */
function queryCostLimit(maxCost: number, assumptions: CostAssumptions): Plugin {
  const costSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();
  const costSchema = (schema: GraphQLSchema) => costSchemas.get(schema) ?? costSchemas.set(schema, costSchemaOf(schema)).get(schema)!;
  // `__typename` is answered from the type alone; clients such as urql add it to every selection, so it costs nothing.
  const pricedDocuments = new WeakMap<DocumentNode, DocumentNode>();
  const priced = (document: DocumentNode) =>
    pricedDocuments.get(document) ??
    pricedDocuments.set(document, visit(document, { Field: (node) => (node.name.value === '__typename' ? null : undefined) })).get(document)!;
  const refusalOf = (args: ExecutionArgs): GraphQLError | undefined => {
    let refusal: GraphQLError | undefined;
    validate(costSchema(args.schema), priced(args.document), [
      createComplexityRule({
        context: assumptions,
        variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
        operationName: args.operationName,
        validate: ({ complexity }) => {
          if (complexity > maxCost) refusal = limitError('QUERY_TOO_COMPLEX', `Query cost limit of ${maxCost} exceeded, found ${complexity}`, maxCost, complexity);
        },
      }),
    ]);
    return refusal;
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const refusal = refusalOf(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe: ({ args, setResultAndStopExecution }) => {
      const refusal = refusalOf(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/**
 * What one GraphQL document may ask for (graphql-armor: tokens while parsing; depth, aliases and
 * directives while validating) and what it may cost, plus what production hides: introspection and
 * "Did you mean…" suggestions.
 */
export function queryLimits({ queryLimits: limits, production }: EdgeSettings): (Plugin | ArmorPlugin)[] {
  const armor = (code: string, n: number) => ({ n, propagateOnRejection: false, onReject: [armorRejection(code, n)] });
  return [
    maxTokensPlugin({ n: limits.maxTokens, onReject: [armorRejection('QUERY_TOO_MANY_TOKENS', limits.maxTokens)] }),
    // Depth as the answer nests: a fragment spread adds no level of its own.
    maxDepthPlugin({ ...armor('QUERY_TOO_DEEP', limits.maxDepth), flattenFragments: true }),
    maxAliasesPlugin(armor('QUERY_TOO_MANY_ALIASES', limits.maxAliases)),
    maxDirectivesPlugin(armor('QUERY_TOO_MANY_DIRECTIVES', limits.maxDirectives)),
    queryCostLimit(limits.maxCost, { assumedListSize: limits.assumedListSize }),
    ...(production
      ? [
          blockFieldSuggestionsPlugin(),
          { onValidate: ({ addValidationRule }) => addValidationRule(withCode(NoSchemaIntrospectionCustomRule, 'INTROSPECTION_DISABLED')) } satisfies Plugin,
        ]
      : []),
  ];
}
