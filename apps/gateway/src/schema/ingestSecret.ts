import { findWorkspace, setIngestSecret } from '@goalpost/db';
import { recordChange } from '../audit/recordChange.ts';
import { workspaceOf } from '../context.ts';
import { generateWebhookSecret } from '@goalpost/credentials';
import { builder } from './builder.ts';

builder.mutationField('rotateIngestSecret', (t) =>
  t.field({
    // Ingest secrets sign webhooks: managed by owners only.
    authScopes: { owner: true },
    type: builder.simpleObject('RotateIngestSecretSuccess', {
      fields: (f) => ({
        secret: f.string({ description: 'Shown once: sign POST /webhooks/metrics with it (Standard Webhooks). The previous secret stops working now.' }),
      }),
    }),
    errors: {},
    resolve: async (_root, _args, ctx) => {
      const secret = generateWebhookSecret();
      const ws = workspaceOf(ctx);
      await ctx.db.transaction().execute(async (tx) => {
        const before = await findWorkspace(tx, ws);
        await setIngestSecret(tx, ws, secret);
        // The snapshot leaves the secret out: the entry says when it was rotated, never what it is.
        await recordChange(tx, ctx, { entity: 'Workspace', id: ws, planId: null, action: 'rotateIngestSecret', change: 'UPDATED', before: before!, after: (await findWorkspace(tx, ws))! });
      });
      return { secret };
    },
  }),
);
