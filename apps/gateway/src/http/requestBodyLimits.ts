import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxImportBytes } from '../schema/importMetrics.ts';
import { graphqlErrorResponse } from './jsonResponse.ts';
import { readCappedBody } from './readCappedBody.ts';

/** Room for the `operations` and `map` parts beside the file. */
export const maxUploadBytes = maxImportBytes + 64 * 1024;

const isMultipart = (request: Request) => (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
const tooLargeMessage = (limit: number, what: string) => `The ${what} is larger than ${limit} bytes: ${what === 'upload' ? 'split the file and import the parts one by one' : 'send a smaller query or fewer variables'}.`;
// A body left unread would hold the connection: the answer closes it instead of reading the rest.
const closing = { connection: 'close' };

/**
 * `/graphql` bodies are capped before they are read whole: JSON at `maxJsonBytes`, uploads (multipart)
 * at their own limit (yoga's `maxRequestBodySize`, see yoga.ts). A declared length over the cap is
 * refused before reading; a chunked body is read up to the cap and no further. Either way the answer
 * is 413 with a GraphQL error `REQUEST_ENTITY_TOO_LARGE`, and every 413 closes the connection.
 */
export function requestBodyLimits(maxJsonBytes: number): Plugin {
  const refusal = (limit: number, what: string) =>
    graphqlErrorResponse(413, tooLargeMessage(limit, what), { code: 'REQUEST_ENTITY_TOO_LARGE', limit }, closing);
  return {
    onRequestParse: ({ request, requestParser, setRequestParser, endResponse, fetchAPI }) => {
      if (request.method !== 'POST') return;
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (isMultipart(request)) {
        if (declared > maxUploadBytes) endResponse(refusal(maxUploadBytes, 'upload'));
        return;
      }
      if (declared > maxJsonBytes) return endResponse(refusal(maxJsonBytes, 'body'));
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (capped) => {
        const text = await readCappedBody(capped, maxJsonBytes);
        if (text === null) {
          throw new GraphQLError(tooLargeMessage(maxJsonBytes, 'body'), {
            extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', limit: maxJsonBytes, http: { status: 413, headers: closing } },
          });
        }
        return parse(new fetchAPI.Request(capped.url, { method: capped.method, headers: capped.headers, body: text }));
      });
    },
    onResponse: ({ response, setResponse, fetchAPI }) => {
      if (response.status !== 413 || response.headers.get('connection') === 'close') return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('connection', 'close');
      setResponse(new fetchAPI.Response(response.body, { status: 413, statusText: response.statusText, headers }));
    },
  };
}
