/** A JSON answer of the HTTP routes: `{ error, … }` for failures, whatever the route returns otherwise. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A refusal of `/graphql` before GraphQL runs, shaped as GraphQL errors so clients read it as any other. */
export function graphqlErrorResponse(
  status: number,
  message: string,
  extensions: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { errors: [{ message, extensions }] }, headers);
}
