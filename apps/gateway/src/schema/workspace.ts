import { findWorkspace, insertWorkspaceWithOwner, listMembershipsOfUser, type WorkspaceRole } from '@goalpost/db';
import { personOf, type GatewayContext } from '../context.ts';
import { builder } from './builder.ts';
import { requiredText } from './inputRules.ts';
import { WorkspaceRoleEnum } from './workspaceRole.ts';

export interface WorkspaceShape {
  id: string;
  name: string;
  role: WorkspaceRole;
  createdAt: Date;
}

export const WorkspaceRef = builder.objectRef<WorkspaceShape>('Workspace').implement({
  description: 'A workspace the caller belongs to, with the role it has there.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Send it as the x-goalpost-workspace header to act in this workspace (the same id as viewer.workspaceId).' }),
    name: t.exposeString('name'),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (w) => w.role }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

/** The caller's workspaces: a person's memberships, or the one workspace of an API token. */
export async function workspacesOfIdentity(ctx: GatewayContext): Promise<WorkspaceShape[]> {
  const identity = ctx.auth.identity;
  if (!identity) return [];
  if (identity.kind === 'token') {
    const workspace = await findWorkspace(ctx.db, identity.workspaceId);
    return workspace ? [{ id: workspace.id, name: workspace.name, role: identity.role, createdAt: workspace.created_at }] : [];
  }
  const memberships = await listMembershipsOfUser(ctx.db, identity.userId);
  return memberships.map((m) => ({ id: m.workspace_id, name: m.workspace_name, role: m.role, createdAt: m.workspace_created_at }));
}

builder.queryField('workspaces', (t) =>
  t.field({
    type: [WorkspaceRef],
    description: "The caller's workspaces with its role in each; needs no x-goalpost-workspace header.",
    skipTypeScopes: true,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => workspacesOfIdentity(ctx),
  }),
);

const CreateWorkspaceInput = builder.inputType('CreateWorkspaceInput', {
  fields: (t) => ({ name: t.string({ required: true, validate: requiredText('name') }) }),
});

builder.mutationField('createWorkspace', (t) =>
  t.field({
    type: builder.simpleObject('CreateWorkspaceSuccess', { fields: (f) => ({ workspace: f.field({ type: WorkspaceRef }) }) }),
    errors: {},
    description: 'A new workspace, owned by the signed-in person (API tokens cannot create workspaces).',
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateWorkspaceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspace = await insertWorkspaceWithOwner(ctx.db, input.name, personOf(ctx).userId);
      return { workspace: { id: workspace.id, name: workspace.name, role: 'OWNER' as const, createdAt: workspace.created_at } };
    },
  }),
);
