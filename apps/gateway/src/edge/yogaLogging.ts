import type { YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import { loggedErrors } from './errorMasking.ts';
import { currentRequestScope } from './requestIds.ts';

/**
 * yoga's logger calls (`error(err)`, `debug('message', detail)`) as pino lines: an Error as `err`
 * (message and stack), strings as the message, objects as fields, with the request id.
 */
export function yogaLogging(log: Logger): YogaLogger {
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null && loggedErrors.has(args[0])) return;
    const err = args.find((a) => a instanceof Error) as Error | undefined;
    const fields = Object.assign({}, ...args.filter((a) => typeof a === 'object' && a !== null && !(a instanceof Error))) as Record<string, unknown>;
    const message = args.filter((a) => typeof a !== 'object' || a === null).map(String).join(' ');
    log[level]({ requestId: currentRequestScope()?.requestId, ...fields, ...(err ? { err } : {}) }, message || err?.message || '');
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
