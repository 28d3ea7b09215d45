import { findWorkspace } from '@goalpost/db';
import { workspaceOf } from '../context.ts';
import { builder } from './builder.ts';

export const ViewerRef = builder.objectRef<{ workspaceId: string }>('Viewer').implement({
  description: 'The caller and its workspace.',
  fields: (t) => ({
    workspaceId: t.exposeID('workspaceId'),
    workspaceName: t.string({
      resolve: async (v, _args, ctx) => (await findWorkspace(ctx.db, v.workspaceId))?.name ?? '',
    }),
    ingestSecretRotatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: async (v, _args, ctx) => (await findWorkspace(ctx.db, v.workspaceId))?.ingest_secret_rotated_at ?? null,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, resolve: (_root, _args, ctx) => ({ workspaceId: workspaceOf(ctx) }) }),
);
