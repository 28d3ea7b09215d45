import { findObjectives, findThemes, insertContentItem, insertTheme, listContentItemsOfTheme, type ContentItemRow, type ThemeRow } from '@goalpost/db';
import { z } from 'zod';
import { workspaceOf } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { optionalText, requiredText } from './inputRules.ts';

const ContentItemRef = builder.objectRef<ContentItemRow>('ContentItem').implement({
  description: 'A planned or published piece of content, filed under the theme it serves.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publishedOn: t.expose('published_on', { type: 'Date', nullable: true }),
  }),
});

export const ThemeNode = builder.loadableNodeRef('Theme', {
  id: { resolve: (theme: ThemeRow) => theme.id },
  load: (ids: string[], ctx) => findThemes(ctx.db, workspaceOf(ctx), ids),
  sort: (theme) => theme.id,
});

ThemeNode.implement({
  description: 'A supporting content theme chosen because it serves an objective (seed 004).',
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    contentItems: t.field({
      type: [ContentItemRef],
      resolve: (theme, _args, ctx) => listContentItemsOfTheme(ctx.db, workspaceOf(ctx), theme.id),
    }),
  }),
});

const AddThemeInput = builder.inputType('AddThemeInput', {
  fields: (t) => ({
    objectiveId: t.id({ required: true }),
    title: t.string({ required: true, validate: requiredText('title', 200) }),
    description: t.string({ required: false, validate: optionalText(5000) }),
  }),
});

const AddContentItemInput = builder.inputType('AddContentItemInput', {
  fields: (t) => ({
    themeId: t.id({ required: true }),
    title: t.string({ required: true, validate: requiredText('title', 300) }),
    url: t.string({ required: false, validate: z.url('must be an absolute URL').nullish() }),
    publishedOn: t.field({ type: 'Date', required: false }),
  }),
});

builder.mutationFields((t) => ({
  addTheme: t.field({
    type: builder.simpleObject('AddThemeSuccess', { fields: (f) => ({ theme: f.field({ type: ThemeNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: AddThemeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const objectiveId = localId(String(input.objectiveId), 'Objective', 'input.objectiveId');
      if ((await findObjectives(ctx.db, ws, [objectiveId])).length === 0) {
        throw new NotFoundError(`No objective ${input.objectiveId} in your workspace.`, String(input.objectiveId));
      }
      return { theme: await insertTheme(ctx.db, ws, { objectiveId, title: input.title, description: input.description ?? null }) };
    },
  }),
  addContentItem: t.field({
    type: builder.simpleObject('AddContentItemSuccess', { fields: (f) => ({ theme: f.field({ type: ThemeNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: AddContentItemInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const themeId = localId(String(input.themeId), 'Theme', 'input.themeId');
      const [theme] = await findThemes(ctx.db, ws, [themeId]);
      if (!theme) throw new NotFoundError(`No theme ${input.themeId} in your workspace.`, String(input.themeId));
      await insertContentItem(ctx.db, ws, { themeId, title: input.title, url: input.url ?? null, publishedOn: input.publishedOn ?? null });
      return { theme };
    },
  }),
}));
