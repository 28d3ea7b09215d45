import { builder } from './builder.ts';

export const WorkspaceRoleEnum = builder.enumType('WorkspaceRole', {
  description: 'OWNER does all; EDITOR plans (no members, tokens, ingest secrets or account credentials); VIEWER reads everything and changes nothing.',
  values: ['OWNER', 'EDITOR', 'VIEWER'] as const,
});
