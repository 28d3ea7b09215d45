import { insertApiToken, listApiTokens, revokeApiToken, type ApiTokenRow } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { callerOf, workspaceOf } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { apiTokenPrefix, generateApiToken, hashApiToken } from '../auth/apiTokenHash.ts';
import { revocationKey } from '../auth/credentialRevocations.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { requiredText } from './inputRules.ts';
import { WorkspaceRoleEnum } from './workspaceRole.ts';

export const ApiTokenRef = builder.objectRef<ApiTokenRow>('ApiToken').implement({
  description: 'A token for scripts (`Authorization: Bearer <token>`), acting in its workspace with its role. The token itself is shown once, when created.',
  fields: (t) => ({
    id: t.id({ resolve: (token) => encodeGlobalID('ApiToken', token.id) }),
    label: t.exposeString('label'),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (token) => token.role }),
    prefix: t.exposeString('prefix', { nullable: true, description: 'The first characters of the token, to recognise it; null for tokens made before prefixes were kept.' }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true, description: 'Recorded at most once a minute.' }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiTokenRef],
    description: "The workspace's API tokens, newest first, revoked ones included (OWNER only).",
    authScopes: { owner: true },
    resolve: (_root, _args, ctx) => listApiTokens(ctx.db, workspaceOf(ctx)),
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    label: t.string({ required: true, validate: requiredText('name') }),
    role: t.field({ type: WorkspaceRoleEnum, required: true, description: 'What the token may do: VIEWER for a read-only script, EDITOR to plan, OWNER for everything.' }),
  }),
});

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: builder.simpleObject('CreateApiTokenSuccess', {
      fields: (f) => ({
        token: f.string({ description: 'Shown this once: store it now. Only its hash is kept.' }),
        apiToken: f.field({ type: ApiTokenRef }),
      }),
    }),
    errors: {},
    authScopes: { owner: true },
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const caller = callerOf(ctx);
      const token = generateApiToken();
      const apiToken = await insertApiToken(ctx.db, caller.workspaceId, hashApiToken(token), input.label, {
        role: input.role,
        prefix: apiTokenPrefix(token),
        createdBy: caller.userId ?? null,
      });
      if (!apiToken) throw new Error('A freshly generated token collided with an existing one.');
      return { token, apiToken };
    },
  }),
  revokeApiToken: t.field({
    type: builder.simpleObject('RevokeApiTokenSuccess', { fields: (f) => ({ apiToken: f.field({ type: ApiTokenRef }) }) }),
    errors: {},
    description: 'Revokes a token: its next request is refused, and its open subscriptions close at once.',
    authScopes: { owner: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const apiToken = await revokeApiToken(ctx.db, workspaceOf(ctx), localId(String(args.id), 'ApiToken', 'id'), ctx.now());
      if (!apiToken) throw new NotFoundError(`No API token ${args.id} in your workspace.`, String(args.id));
      await ctx.authServices.revocations.revoke([revocationKey.token(apiToken.id)]);
      return { apiToken };
    },
  }),
}));
