import { findObjectives, findThemes, lockContentItem, lockTheme, updateContentItem, updateTheme, type Db } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { recordChange } from '../../audit/recordChange.ts';
import { workspaceOf } from '../../context.ts';
import { refuseArchived } from '../../editing/refuseArchived.ts';
import { removeContentItem, removeTheme } from '../../editing/removal.ts';
import { NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { localId } from '../globalIds.ts';
import { optionalText, requiredText, webUrl } from '../inputRules.ts';
import { ContentItemNode, ThemeNode } from '../theme.ts';
import { RemovalOutcomeEnum } from './removalOutcome.ts';

const archivedAtDescription = 'When it was removed and kept for its history (recorded results); null while in use.';
builder.objectField(ThemeNode, 'archivedAt', (t) => t.expose('archived_at', { type: 'DateTime', nullable: true, description: archivedAtDescription }));
builder.objectField(ContentItemNode, 'archivedAt', (t) => t.expose('archived_at', { type: 'DateTime', nullable: true, description: archivedAtDescription }));

const UpdateThemeInput = builder.inputType('UpdateThemeInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: false, validate: requiredText('title').optional() }),
    description: t.string({ required: false, validate: optionalText('description'), description: 'null clears it.' }),
  }),
});

const UpdateContentItemInput = builder.inputType('UpdateContentItemInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: false, validate: requiredText('title').optional() }),
    url: t.string({ required: false, validate: webUrl.nullish(), description: 'null clears it.' }),
    publishedOn: t.field({ type: 'Date', required: false, description: 'null clears it.' }),
  }),
});

async function planOfObjective(tx: Db, workspaceId: string, objectiveId: string): Promise<string> {
  const [objective] = await findObjectives(tx, workspaceId, [objectiveId]);
  return objective!.plan_id;
}

async function planOfTheme(tx: Db, workspaceId: string, themeId: string): Promise<string> {
  const [theme] = await findThemes(tx, workspaceId, [themeId]);
  return planOfObjective(tx, workspaceId, theme!.objective_id);
}

const themeNotFound = (id: string) => new NotFoundError(`No theme ${id} in your workspace.`, id);
const itemNotFound = (id: string) => new NotFoundError(`No content item ${id} in your workspace.`, id);

builder.mutationFields((t) => ({
  updateTheme: t.field({
    type: builder.simpleObject('UpdateThemeSuccess', { fields: (f) => ({ theme: f.field({ type: ThemeNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: UpdateThemeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(input.id), 'Theme', 'input.id');
      const theme = await ctx.db.transaction().execute(async (tx) => {
        const before = await lockTheme(tx, ws, id);
        if (!before) throw themeNotFound(String(input.id));
        refuseArchived(before, 'input.id', 'theme');
        const after = await updateTheme(tx, ws, id, {
          ...(input.title != null && { title: input.title }),
          ...(input.description !== undefined && { description: input.description }),
        });
        if (!after) throw themeNotFound(String(input.id));
        const planId = await planOfObjective(tx, ws, after.objective_id);
        await recordChange(tx, ctx, { entity: 'Theme', id, planId, action: 'updateTheme', change: 'UPDATED', before, after });
        return after;
      });
      return { theme };
    },
  }),
  removeTheme: t.field({
    type: builder.simpleObject('RemoveThemeSuccess', {
      fields: (f) => ({
        removedId: f.id(),
        outcome: f.field({ type: RemovalOutcomeEnum }),
        theme: f.field({ type: ThemeNode, nullable: true, description: 'The archived theme; null when deleted.' }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    description: 'Removes a theme with its content items: items with recorded results (and so the theme) are archived, the rest deleted.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'Theme', 'id');
      const removal = await ctx.db.transaction().execute(async (tx) => {
        const theme = await lockTheme(tx, ws, id);
        if (!theme) throw themeNotFound(String(args.id));
        const planId = await planOfObjective(tx, ws, theme.objective_id);
        const result = await removeTheme(tx, { workspaceId: ws, planId, action: 'removeTheme', at: ctx.now() }, theme);
        await recordChange(tx, ctx, result.changes);
        return result;
      });
      return { removedId: encodeGlobalID('Theme', id), outcome: removal.outcome, theme: removal.row };
    },
  }),
  updateContentItem: t.field({
    type: builder.simpleObject('UpdateContentItemSuccess', { fields: (f) => ({ contentItem: f.field({ type: ContentItemNode }) }) }),
    errors: {},
    authScopes: { editor: true },
    args: { input: t.arg({ type: UpdateContentItemInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(input.id), 'ContentItem', 'input.id');
      const contentItem = await ctx.db.transaction().execute(async (tx) => {
        const before = await lockContentItem(tx, ws, id);
        if (!before) throw itemNotFound(String(input.id));
        refuseArchived(before, 'input.id', 'content item');
        const after = await updateContentItem(tx, ws, id, {
          ...(input.title != null && { title: input.title }),
          ...(input.url !== undefined && { url: input.url }),
          ...(input.publishedOn !== undefined && { publishedOn: input.publishedOn }),
        });
        if (!after) throw itemNotFound(String(input.id));
        const planId = await planOfTheme(tx, ws, after.theme_id);
        await recordChange(tx, ctx, { entity: 'ContentItem', id, planId, action: 'updateContentItem', change: 'UPDATED', before, after });
        return after;
      });
      return { contentItem };
    },
  }),
  removeContentItem: t.field({
    type: builder.simpleObject('RemoveContentItemSuccess', {
      fields: (f) => ({
        removedId: f.id(),
        outcome: f.field({ type: RemovalOutcomeEnum }),
        contentItem: f.field({ type: ContentItemNode, nullable: true, description: "The archived item (its results no longer count towards the theme's); null when deleted." }),
      }),
    }),
    errors: {},
    authScopes: { editor: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ws = workspaceOf(ctx);
      const id = localId(String(args.id), 'ContentItem', 'id');
      const removal = await ctx.db.transaction().execute(async (tx) => {
        const item = await lockContentItem(tx, ws, id);
        if (!item) throw itemNotFound(String(args.id));
        const planId = await planOfTheme(tx, ws, item.theme_id);
        const result = await removeContentItem(tx, { workspaceId: ws, planId, action: 'removeContentItem', at: ctx.now() }, item);
        await recordChange(tx, ctx, result.changes);
        return result;
      });
      return { removedId: encodeGlobalID('ContentItem', id), outcome: removal.outcome, contentItem: removal.row };
    },
  }),
}));
