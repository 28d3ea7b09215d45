import { findUsers, findWorkspace } from '@goalpost/db';
import { callerOf, type Caller } from '../context.ts';
import { builder } from './builder.ts';
import { UserRef } from './user.ts';
import { WorkspaceRoleEnum } from './workspaceRole.ts';

export const ViewerRef = builder.objectRef<Caller>('Viewer').implement({
  description: 'The caller and its workspace.',
  fields: (t) => ({
    workspaceId: t.exposeID('workspaceId', { description: 'Send it as the x-goalpost-workspace header to act in this workspace.' }),
    workspaceName: t.string({
      resolve: async (v, _args, ctx) => (await findWorkspace(ctx.db, v.workspaceId))?.name ?? '',
    }),
    role: t.field({ type: WorkspaceRoleEnum, description: "The caller's role here: the person's, or the API token's.", resolve: (v) => v.role }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The signed-in person; null for an API token.',
      resolve: async (v, _args, ctx) => (v.userId ? ((await findUsers(ctx.db, [v.userId]))[0] ?? null) : null),
    }),
    ingestSecretRotatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: async (v, _args, ctx) => (await findWorkspace(ctx.db, v.workspaceId))?.ingest_secret_rotated_at ?? null,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, resolve: (_root, _args, ctx) => callerOf(ctx) }),
);
