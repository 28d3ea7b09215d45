import { z } from 'zod';

/**
 * The value rules every app's variables are built from. Each rule has one message that names the rule
 * and gives an example, whichever check failed, so a bad value reads the same in the gateway and the
 * worker. An empty variable (`FOO=`) counts as unset: it takes the default, or is refused as missing,
 * instead of becoming 0 (a random port) or ''.
 */
export const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const protocolList = (protocols: readonly string[]) => protocols.map((p) => `${p}//`).join(' or ');
const isUrlWith = (protocols: readonly string[]) => (value: string) => URL.canParse(value) && protocols.includes(new URL(value).protocol);

/** A required URL with one of `protocols` (`'postgres:'`…). */
export function url(protocols: readonly string[], example: string) {
  const rule = `a URL starting with ${protocolList(protocols)}, e.g. ${example}`;
  return z.preprocess(
    unsetIfEmpty,
    z.string({ error: `is required: ${rule}` }).refine(isUrlWith(protocols), { error: `must be ${rule}` }),
  );
}

/** The same as `url`, unset allowed. */
export function optionalUrl(protocols: readonly string[], example: string) {
  return z.preprocess(
    unsetIfEmpty,
    z.string().refine(isUrlWith(protocols), { error: `must be a URL starting with ${protocolList(protocols)}, e.g. ${example}` }).optional(),
  );
}

/** A whole number from `min` to `max` (in `unit`), `fallback` when unset. */
export function integer(options: { fallback: number; min: number; max: number; unit: string }) {
  const { fallback, min, max, unit } = options;
  const error = `must be a whole number of ${unit} from ${min} to ${max}, e.g. ${fallback}`;
  return z.preprocess(unsetIfEmpty, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback));
}

/** A TCP port to listen on; 0 lets the system pick a free one (tests). */
export function port(fallback: number) {
  const error = `must be a port from 0 to 65535 (0 picks a free one), e.g. ${fallback}`;
  return z.preprocess(unsetIfEmpty, z.coerce.number({ error }).int({ error }).min(0, { error }).max(65535, { error }).default(fallback));
}

/** A key prefix or namespace: letters, digits and `_ - . { }` (braces make a Redis Cluster hash tag). */
export function name(fallback: string) {
  return z.preprocess(
    unsetIfEmpty,
    z.string().regex(/^[A-Za-z0-9_{}.-]+$/, { error: `may only hold letters, digits and _ - . { }, e.g. ${fallback}` }).default(fallback),
  );
}

/** One of a few words, `fallback` when unset. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.preprocess(unsetIfEmpty, z.enum(values, { error: `must be one of ${values.join(', ')}, e.g. ${fallback}` }).default(fallback as never));
}

/** One of a few words, or unset. */
export function optionalOneOf<const T extends readonly [string, ...string[]]>(values: T, example: T[number]) {
  return z.preprocess(unsetIfEmpty, z.enum(values, { error: `must be one of ${values.join(', ')}, e.g. ${example}` }).optional());
}

/** An optional secret (a token someone must present): long enough not to be guessed. */
export function secret(minLength = 16) {
  return z.preprocess(
    unsetIfEmpty,
    z.string().min(minLength, { error: `must be at least ${minLength} characters, e.g. the output of openssl rand -hex 24` }).optional(),
  );
}

/** Optional free text (a value issued by someone else, such as a platform's app secret). */
export function text() {
  return z.preprocess(unsetIfEmpty, z.string().optional());
}

/** A comma-separated list, each item checked by `item` (whose message names the rule); unset is the empty list. */
export function commaList<T>(item: z.ZodType<T>) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : (unsetIfEmpty(value) ?? [])),
    z.array(item),
  );
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `true` or `false`; `fallback` when unset. */
export function flag(fallback: boolean) {
  return z.preprocess(unsetIfEmpty, z.enum(['true', 'false'], { error: 'must be true or false' }).default(fallback ? 'true' : 'false').transform((v) => v === 'true'));
}
