import { z } from 'zod';

/** Trimmed, non-empty, bounded text. */
export const requiredText = (field: string, max: number) =>
  z.string().trim().min(1, `${field} must not be empty`).max(max, `${field} must be at most ${max} characters`);

export const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();

/** `end` strictly after `start` (ISO days compare as strings). */
export const dateRange = <S extends string, E extends string>(start: S, end: E) =>
  z
    .object({ [start]: z.string(), [end]: z.string() } as Record<S | E, z.ZodString>)
    .passthrough()
    .refine((v) => (v as Record<string, string>)[end]! > (v as Record<string, string>)[start]!, {
      message: `${end} must be after ${start}`,
      path: [end],
    });

/** A finite number: GraphQL Float cannot carry NaN, but JSON variables like 1e400 arrive as Infinity. */
export const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
