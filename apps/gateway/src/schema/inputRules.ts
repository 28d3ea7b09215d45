import { z } from 'zod';

/**
 * The longest text each kind of field takes. Every text input names its kind, so one title is as long
 * as any other and the limits are stated once (README: "Limits on input").
 */
export const textLimits = {
  title: 300,
  name: 200,
  description: 5000,
  handle: 200,
  note: 2000,
  url: 2048,
  /** A platform's own id of an account (Page id, property id). */
  externalId: 100,
  /** An access or refresh token given by hand. */
  token: 8192,
} as const;
export type TextKind = keyof typeof textLimits;

/** Kinds that hold paragraphs: tab and line breaks are text there, and nowhere else. */
const multiLine: ReadonlySet<TextKind> = new Set(['description', 'note']);
// C0 controls (NUL included: PostgreSQL refuses it in text), DEL and the C1 controls: matching them is the point.
/* eslint-disable no-control-regex */
const controls = /[\u0000-\u001f\u007f-\u009f]/;
const controlsButLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
// Half of a surrogate pair cannot be stored as UTF-8: it would silently become U+FFFD.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first rule a text of this kind breaks, or undefined. */
export function textIssue(kind: TextKind, value: string): { rule: string; message: string; params?: Record<string, string | number> } | undefined {
  const max = textLimits[kind];
  if (value.length > max) return { rule: 'max-length', message: `must be at most ${max} characters (a ${kind}); got ${value.length}`, params: { maximum: max, kind, length: value.length } };
  if ((multiLine.has(kind) ? controlsButLineBreaks : controls).test(value)) {
    return { rule: 'control-characters', message: multiLine.has(kind) ? 'must not contain control characters (NUL and the like); tabs and line breaks are fine' : 'must not contain control characters or line breaks' };
  }
  if (loneSurrogate.test(value)) return { rule: 'unicode', message: 'must be valid Unicode text (it holds half of a surrogate pair)' };
  return undefined;
}

/** Text of a kind, as given (no trimming): within its length, without control characters. */
export const text = (kind: TextKind) =>
  z.string().superRefine((value, ctx) => {
    const issue = textIssue(kind, value);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.message, params: { ...issue.params, rule: issue.rule } });
  });

/** Trimmed, non-empty text of a kind. */
export const requiredText = (kind: TextKind) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'must not be empty', params: { rule: 'not-empty' } });
        return;
      }
      const issue = textIssue(kind, value);
      if (issue) ctx.addIssue({ code: 'custom', message: issue.message, params: { ...issue.params, rule: issue.rule } });
    });

/** Text of a kind that may be left out or cleared with null. */
export const optionalText = (kind: TextKind) => text(kind).nullish();

/** An absolute http(s) URL: `javascript:`, `data:` and `file:` links are never stored, so never rendered. */
export const webUrl = text('url').superRefine((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `must be an http or https URL, not ${url.protocol}`, params: { rule: 'url-scheme', scheme: url.protocol } });
  } else if (!url || !url.hostname || /\s/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://example.com/post', params: { rule: 'url' } });
  }
});

/** `end` strictly after `start` (ISO days compare as strings). */
export const dateRange = <S extends string, E extends string>(start: S, end: E) =>
  z
    .object({ [start]: z.string(), [end]: z.string() } as Record<S | E, z.ZodString>)
    .passthrough()
    .refine((v) => (v as Record<string, string>)[end]! > (v as Record<string, string>)[start]!, {
      message: `${end} must be after ${start}`,
      path: [end],
      params: { rule: `after:${start}` },
    });

/** The first rule a number breaks: finite, of sane magnitude, inside [min, max] when given. */
function numberIssue(value: number, bounds?: { min: number; max: number; words: string }): { rule: string; message: string; params?: Record<string, number> } | undefined {
  if (!Number.isFinite(value)) return { rule: 'finite', message: 'must be a finite number' };
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { rule: 'magnitude', message: `must be within ±${Number.MAX_SAFE_INTEGER}` };
  if (bounds && (value < bounds.min || value > bounds.max)) return { rule: 'range', message: `must be ${bounds.words}`, params: { min: bounds.min, max: bounds.max } };
  return undefined;
}

const checkedNumber = (bounds?: { min: number; max: number; words: string }) =>
  z.number().superRefine((value, ctx) => {
    const issue = numberIssue(value, bounds);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.message, params: { ...issue.params, rule: issue.rule } });
  });

/**
 * A finite number of sane magnitude: GraphQL Float cannot carry NaN, but JSON variables like 1e400 arrive
 * as Infinity, and beyond 2^53 integers stop being exact.
 */
export const finiteNumber = checkedNumber();

/** A finite number in [min, max], the rule named `range`. */
export const numberIn = (min: number, max: number, words = `between ${min} and ${max}`) => checkedNumber({ min, max, words });
