import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { currentRequestScope } from './requestIds.ts';

/** One line per HTTP request: method, path, GraphQL operation, status, duration and request id. */
export function accessLog(log: Logger): Plugin {
  return {
    onResponse: ({ request, response }) => {
      const scope = currentRequestScope();
      log.info(
        {
          requestId: scope?.requestId,
          method: request.method,
          path: new URL(request.url, 'http://gateway').pathname,
          operationName: scope?.operationName,
          status: response.status,
          durationMs: scope ? Math.round((performance.now() - scope.startedAt) * 10) / 10 : undefined,
        },
        'request',
      );
    },
  };
}
