import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import RelayPlugin from '@pothos/plugin-relay';
import ErrorsPlugin from '@pothos/plugin-errors';
import ValidationPlugin from '@pothos/plugin-validation';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import FreshReadsPerMutation from './freshReadsPerMutation.ts';
import type { GatewayContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { ForbiddenError, roleAllows, scopeRefusal } from '../auth/refusals.ts';
import { inputErrorFromIssues } from './inputIssues.ts';
import RolesBeforeInputPlugin from '../auth/rolesBeforeInput.ts';

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  /**
   * member: acts in a workspace (any role; reads); editor: EDITOR or OWNER (plans); owner: OWNER
   * (members, tokens, secrets, credentials); authenticated: any valid credential, workspace or not;
   * signedIn: a person's session (not an API token).
   */
  AuthScopes: { member: boolean; editor: boolean; owner: boolean; authenticated: boolean; signedIn: boolean };
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    File: { Input: File; Output: never };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  // Errors before scope-auth: a refused mutation answers its payload's typed ForbiddenError. The role
  // check before the input's validation (RolesBeforeInputPlugin): a VIEWER's bad input is FORBIDDEN.
  plugins: [ErrorsPlugin, RolesBeforeInputPlugin, ScopeAuthPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin, SimpleObjectsPlugin, FreshReadsPerMutation],
  scopeAuth: {
    authScopes: (ctx) => ({
      member: ctx.caller !== null,
      editor: ctx.caller !== null && roleAllows(ctx.caller.role, 'EDITOR'),
      owner: ctx.caller !== null && roleAllows(ctx.caller.role, 'OWNER'),
      authenticated: ctx.auth.identity !== null,
      signedIn: ctx.auth.identity?.kind === 'session',
    }),
    // A subscription without a valid credential is refused when it starts, not at its first event.
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, ctx, info, result) => scopeRefusal(ctx, info, result.failure),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node(id) is declared in schema/nodeQuery.ts: a malformed id answers null there instead of an error.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  errors: {
    defaultTypes: [InputError, NotFoundError, ForbiddenError],
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
