import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** What the edge knows of the request being handled, wherever in its handling code asks. */
export interface RequestScope {
  requestId: string;
  startedAt: number;
  operationName?: string | undefined;
}

const scopes = new AsyncLocalStorage<RequestScope>();
// A caller's id is kept only if it cannot forge a log line or a header: bounded, plain characters.
const wellFormed = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | null | undefined): string {
  return header && wellFormed.test(header) ? header : randomUUID();
}

export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** Runs `fn` as one request (a graphql-ws operation, which reaches no HTTP hook). */
export function inRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/**
 * Every HTTP request gets an id (the caller's `x-request-id` when well-formed), visible to everything
 * that handles it through `currentRequestScope()` and echoed on the response.
 */
export function requestIds(): Plugin {
  return {
    instrumentation: {
      request: ({ request }, handle) =>
        scopes.run({ requestId: requestIdFrom(request.headers.get('x-request-id')), startedAt: performance.now() }, handle),
    },
    onExecute: ({ args }) => noteOperation(args.operationName, args.document),
    onSubscribe: ({ args }) => noteOperation(args.operationName, args.document),
    onResponse: ({ response, setResponse, fetchAPI }) => {
      const scope = scopes.getStore();
      if (!scope) return;
      try {
        response.headers.set('x-request-id', scope.requestId);
      } catch {
        // Headers of some responses are immutable: answer a copy.
        const headers = new fetchAPI.Headers(response.headers);
        headers.set('x-request-id', scope.requestId);
        setResponse(new fetchAPI.Response(response.body, { status: response.status, statusText: response.statusText, headers }));
      }
    },
  };
}

function noteOperation(operationName: string | null | undefined, document: { definitions: readonly { kind: string; name?: { value: string } | undefined }[] }) {
  const scope = scopes.getStore();
  if (!scope) return;
  scope.operationName = operationName ?? document.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value;
}
