import type { Plugin } from 'graphql-yoga';
import { graphqlErrorResponse, jsonResponse } from './jsonResponse.ts';

const answers: Record<number, { code: string; message: string }> = {
  404: { code: 'NOT_FOUND', message: 'No such route: GraphQL is served at /graphql, webhooks at /webhooks/metrics and /webhooks/meta, health at /healthz and /readyz.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'This route does not take that method.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send GraphQL requests as application/json (multipart/form-data for uploads), or as GET with a query string.' },
};

/** Error answers without a body (yoga's 404 and 415) get a JSON one saying what to do. */
export function jsonErrorBodies(graphqlEndpoint: string): Plugin {
  return {
    onResponse: ({ request, response, setResponse }) => {
      if (response.status < 400 || (response.body !== null && response.headers.get('content-length') !== '0')) return;
      const answer = answers[response.status] ?? { code: `HTTP_${response.status}`, message: response.statusText || 'The request was refused.' };
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'content-length' && name !== 'content-type'));
      const path = new URL(request.url, 'http://gateway').pathname;
      setResponse(
        path === graphqlEndpoint
          ? graphqlErrorResponse(response.status, answer.message, { code: answer.code }, headers)
          : jsonResponse(response.status, { error: answer.message, code: answer.code }, headers),
      );
    },
  };
}
