import { findPlans, listAuditEvents, type AuditEventRow } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { workspaceOf } from '../../context.ts';
import { builder } from '../builder.ts';
import { localId } from '../globalIds.ts';
import { ActorRef } from './actor.ts';
import { seqConnection } from './seqConnection.ts';

const AuditEventRef = builder.objectRef<AuditEventRow>('AuditEvent').implement({
  description: 'One change, as it was made: who, what, the state before and after, when. Entries are never changed or removed.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.field({ type: ActorRef, resolve: (e) => ({ kind: e.actor_kind, userId: e.actor_user_id, tokenId: e.actor_token_id }) }),
    action: t.exposeString('action', { description: 'The mutation that made the change, e.g. updateKeyResult (children removed with a parent carry the parent\'s).' }),
    change: t.exposeString('change', { description: 'CREATED, UPDATED, ARCHIVED or DELETED.' }),
    entity: t.exposeString('entity', { description: 'The type of what changed: Plan, BusinessGoal, Objective, KeyResult, Theme, ContentItem, SocialAccount, Alert, CheckIn, Workspace.' }),
    entityId: t.id({ description: 'Its global id (node(id) reads it while it exists).', resolve: (e) => encodeGlobalID(e.entity, e.entity_id) }),
    planId: t.id({ nullable: true, resolve: (e) => (e.plan_id ? encodeGlobalID('Plan', e.plan_id) : null) }),
    before: t.field({ type: 'JSON', nullable: true, description: 'Null for a creation. Secrets are never recorded.', resolve: (e) => e.before }),
    after: t.field({ type: 'JSON', nullable: true, description: 'Null for a deletion.', resolve: (e) => e.after }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEventRef,
      description: "Every change in the workspace, or in one plan, newest first.",
      args: { planId: t.arg.id({ required: false }) },
      resolve: async (_root, args, ctx) => {
        const ws = workspaceOf(ctx);
        let planId: string | undefined;
        if (args.planId) {
          planId = localId(String(args.planId), 'Plan', 'planId');
          if ((await findPlans(ctx.db, ws, [planId])).length === 0) {
            throw new GraphQLError(`No plan ${args.planId} in your workspace.`, { extensions: { code: 'NOT_FOUND', argumentName: 'planId' } });
          }
        }
        return seqConnection(args, (page) => listAuditEvents(ctx.db, ws, { ...page, planId }));
      },
    },
    { name: 'AuditEventConnection' },
    { name: 'AuditEventEdge' },
  ),
);
