import { setIngestSecret } from '@goalpost/db';
import { workspaceOf } from '../context.ts';
import { generateIngestSecret } from '../webhooks/standardWebhookSignature.ts';
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
      const secret = generateIngestSecret();
      await setIngestSecret(ctx.db, workspaceOf(ctx), secret);
      return { secret };
    },
  }),
);
