import {
  findContentItems, findObjectives, findThemes, insertContentItem, insertTheme, listContentItemMetrics, listContentItemsOfTheme,
  upsertContentItemMetrics, type ContentItemRow, type ThemeRow,
} from '@goalpost/db';
import { contentMetricIssue, themeResults } from '@goalpost/domain';
import { z } from 'zod';
import { recordChange } from '../audit/recordChange.ts';
import { workspaceOf } from '../context.ts';
import { refuseArchived } from '../editing/refuseArchived.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { builder } from './builder.ts';
import { localId } from './globalIds.ts';
import { numberIn, optionalText, requiredText, webUrl } from './inputRules.ts';

const MetricValueRef = builder.objectRef<{ metric: string; value: number }>('MetricValue').implement({
  fields: (t) => ({ metric: t.exposeString('metric'), value: t.exposeFloat('value') }),
});

export const ContentItemNode = builder.loadableNodeRef('ContentItem', {
  id: { resolve: (item: ContentItemRow) => item.id },
  load: (ids: string[], ctx) => findContentItems(ctx.db, workspaceOf(ctx), ids),
  sort: (item) => item.id,
});

ContentItemNode.implement({
  description: 'A planned or published piece of content, filed under the theme it serves.',
  fields: (t) => ({
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publishedOn: t.expose('published_on', { type: 'Date', nullable: true }),
    results: t.field({
      type: [MetricValueRef],
      description: "The item's own results (lifetime totals of flow metrics), as last recorded.",
      resolve: async (item, _args, ctx) => {
        const metrics = (await listContentItemMetrics(ctx.db, workspaceOf(ctx), [item.id])).get(item.id) ?? {};
        return Object.entries(metrics).map(([metric, value]) => ({ metric, value })).sort((a, b) => a.metric.localeCompare(b.metric));
      },
    }),
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
      type: [ContentItemNode],
      resolve: (theme, _args, ctx) => listContentItemsOfTheme(ctx.db, workspaceOf(ctx), theme.id),
    }),
    results: t.field({
      type: [MetricValueRef],
      description: "What the theme's content achieved: flow metrics summed over its items, posts counted, and the KPIs those sums give (ratios of sums).",
      resolve: async (theme, _args, ctx) => {
        const ws = workspaceOf(ctx);
        const items = await listContentItemsOfTheme(ctx.db, ws, theme.id);
        const metrics = await listContentItemMetrics(ctx.db, ws, items.map((i) => i.id));
        return themeResults(items.map((i) => ({ metrics: metrics.get(i.id) ?? {} })));
      },
    }),
  }),
});

const ContentResultInput = builder.inputType('ContentResultInput', {
  fields: (t) => ({
    metric: t.string({ required: true }),
    value: t.float({ required: true, validate: numberIn(0, Number.MAX_SAFE_INTEGER, '0 or more') }),
  }),
});

const RecordContentResultsInput = builder.inputType('RecordContentResultsInput', {
  fields: (t) => ({
    contentItemId: t.id({ required: true }),
    results: t.field({ type: [ContentResultInput], required: true, validate: z.array(z.unknown()).min(1, 'send at least one result').max(100) }),
  }),
});

const AddThemeInput = builder.inputType('AddThemeInput', {
  fields: (t) => ({
    objectiveId: t.id({ required: true }),
    title: t.string({ required: true, validate: requiredText('title') }),
    description: t.string({ required: false, validate: optionalText('description') }),
  }),
});

const AddContentItemInput = builder.inputType('AddContentItemInput', {
  fields: (t) => ({
    themeId: t.id({ required: true }),
    title: t.string({ required: true, validate: requiredText('title') }),
    url: t.string({ required: false, validate: webUrl.nullish() }),
    publishedOn: t.field({ type: 'Date', required: false }),
  }),
});

builder.mutationFields((t) => ({
  recordContentResults: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('RecordContentResultsSuccess', { fields: (f) => ({ contentItem: f.field({ type: ContentItemNode }) }) }),
    errors: {},
    description: "Sets a content item's results (lifetime totals, e.g. from the post's insights); a metric sent again replaces its value.",
    args: { input: t.arg({ type: RecordContentResultsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const itemId = localId(String(input.contentItemId), 'ContentItem', 'input.contentItemId');
      const issues = input.results.flatMap((r, i) => {
        const message = contentMetricIssue(r.metric);
        return message ? [{ field: `input.results[${i}].metric`, rule: 'flow-metric', message }] : [];
      });
      if (issues.length > 0) throw InputError.of(issues);
      const [item] = await findContentItems(ctx.db, ws, [itemId]);
      if (!item) throw new NotFoundError(`No content item ${input.contentItemId} in your workspace.`, String(input.contentItemId));
      refuseArchived(item, 'input.contentItemId', 'content item');
      const [theme] = await findThemes(ctx.db, ws, [item.theme_id]);
      const [objective] = await findObjectives(ctx.db, ws, [theme!.objective_id]);
      await ctx.db.transaction().execute(async (tx) => {
        const before = (await listContentItemMetrics(tx, ws, [item.id])).get(item.id) ?? {};
        await upsertContentItemMetrics(tx, ws, item.id, input.results.map((r) => ({ metric: r.metric, value: r.value })));
        const after = (await listContentItemMetrics(tx, ws, [item.id])).get(item.id) ?? {};
        await recordChange(tx, ctx, { entity: 'ContentItem', id: item.id, planId: objective!.plan_id, action: 'recordContentResults', change: 'UPDATED', before: { results: before }, after: { results: after } });
      });
      return { contentItem: item };
    },
  }),
  addTheme: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('AddThemeSuccess', { fields: (f) => ({ theme: f.field({ type: ThemeNode }) }) }),
    errors: {},
    args: { input: t.arg({ type: AddThemeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const objectiveId = localId(String(input.objectiveId), 'Objective', 'input.objectiveId');
      const [objective] = await findObjectives(ctx.db, ws, [objectiveId]);
      if (!objective) throw new NotFoundError(`No objective ${input.objectiveId} in your workspace.`, String(input.objectiveId));
      refuseArchived(objective, 'input.objectiveId', 'objective');
      const theme = await ctx.db.transaction().execute(async (tx) => {
        const theme = await insertTheme(tx, ws, { objectiveId, title: input.title, description: input.description ?? null });
        await recordChange(tx, ctx, { entity: 'Theme', id: theme.id, planId: objective.plan_id, action: 'addTheme', change: 'CREATED', before: null, after: theme });
        return theme;
      });
      return { theme };
    },
  }),
  addContentItem: t.field({
    authScopes: { editor: true },
    type: builder.simpleObject('AddContentItemSuccess', {
      fields: (f) => ({ theme: f.field({ type: ThemeNode }), contentItem: f.field({ type: ContentItemNode }) }),
    }),
    errors: {},
    args: { input: t.arg({ type: AddContentItemInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ws = workspaceOf(ctx);
      const themeId = localId(String(input.themeId), 'Theme', 'input.themeId');
      const [theme] = await findThemes(ctx.db, ws, [themeId]);
      if (!theme) throw new NotFoundError(`No theme ${input.themeId} in your workspace.`, String(input.themeId));
      refuseArchived(theme, 'input.themeId', 'theme');
      const [objective] = await findObjectives(ctx.db, ws, [theme.objective_id]);
      const contentItem = await ctx.db.transaction().execute(async (tx) => {
        const contentItem = await insertContentItem(tx, ws, { themeId, title: input.title, url: input.url ?? null, publishedOn: input.publishedOn ?? null });
        await recordChange(tx, ctx, { entity: 'ContentItem', id: contentItem.id, planId: objective!.plan_id, action: 'addContentItem', change: 'CREATED', before: null, after: contentItem });
        return contentItem;
      });
      return { theme, contentItem };
    },
  }),
}));
