import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import RelayPlugin from '@pothos/plugin-relay';
import ErrorsPlugin from '@pothos/plugin-errors';
import ValidationPlugin from '@pothos/plugin-validation';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { inputErrorFromIssues } from './inputIssues.ts';

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  AuthScopes: { member: boolean; editor: boolean; owner: boolean };
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    File: { Input: File; Output: never };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin, SimpleObjectsPlugin],
  scopeAuth: {
    // A subscription is refused when it is made, on every transport, not when its first event arrives.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      member: ctx.caller !== null,
      editor: ctx.caller?.role === 'OWNER' || ctx.caller?.role === 'EDITOR',
      owner: ctx.caller?.role === 'OWNER',
    }),
    unauthorizedError: () =>
      new GraphQLError('Authentication required: send `Authorization: Bearer <token>` (npm start prints a demo token).', {
        extensions: { code: 'UNAUTHENTICATED' },
      }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node(id) is declared in schema/nodeQuery.ts: a malformed id answers null there instead of an error.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  errors: {
    defaultTypes: [InputError, NotFoundError],
    // Validation failures of inputs come back as typed InputError results, not GraphQL errors.
    unsafelyHandleInputErrors: true,
    defaultUnionOptions: { name: ({ fieldName }) => `${pascal(fieldName)}Payload` },
    // Mutations return their own `…Success` object inside the `…Payload` union.
    directResult: true,
  },
  validation: {
    validationError: (failure) => inputErrorFromIssues(failure.issues),
  },
});
