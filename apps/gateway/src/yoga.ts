import type { IncomingMessage, Server } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext, GatewayDeps } from './context.ts';
import { createRequestContext, responseCookies } from './auth/requestContext.ts';
import { credentialsOfRequest, credentialsOfWebSocket } from './auth/requestCredentials.ts';
import { authorizeWebSocket, releaseWebSocket } from './auth/webSocketAuth.ts';
import { serviceRoutes } from './http/serviceRoutes.ts';
import { schema } from './schema/index.ts';

/** The whole gateway as a fetch handler: GraphQL (HTTP + SSE), webhooks and health checks. */
export function createGateway(deps: GatewayDeps) {
  const cookies = responseCookies();
  const hops = deps.authServices.settings.trustProxyHops;
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Goalpost', subscriptionsProtocol: 'SSE' },
    logging: {
      debug: (...args) => deps.log.debug(args),
      info: (...args) => deps.log.info(args),
      warn: (...args) => deps.log.warn(args),
      error: (...args) => deps.log.error(args),
    },
    plugins: [serviceRoutes(deps), cookies.plugin],
    // HTTP requests bring a Request (and, from the node server, its socket); WebSocket operations the
    // upgrade request and the connection params.
    context: async ({ request, req, connectionParams }: { request?: Request; req?: IncomingMessage; connectionParams?: Record<string, unknown> }) => {
      if (!request) return createRequestContext(deps, credentialsOfWebSocket(req!, connectionParams, hops));
      const context = await createRequestContext(deps, credentialsOfRequest(request, req?.socket?.remoteAddress, hops));
      cookies.track(request, context.auth);
      return context;
    },
  });

  type Enveloped = Pick<ReturnType<typeof yoga.getEnveloped>, 'execute' | 'subscribe'>;

  /** graphql-ws on the same path, sharing yoga's envelop (schema, context, auth). */
  function attachWebSockets(server: Server) {
    const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
    const disposable = useServer(
      {
        // onSubscribe hands over yoga's enveloped execute/subscribe as the root value.
        execute: (args) => (args.rootValue as Enveloped).execute(args),
        subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
        // A connection without a valid credential is refused here, before any operation.
        onConnect: (ctx) => authorizeWebSocket(deps, ctx),
        onClose: (ctx) => releaseWebSocket(ctx),
        onSubscribe: async (ctx, _id, params) => {
          const { schema: enveloped, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params,
            connectionParams: ctx.connectionParams ?? {},
          });
          const args = {
            schema: enveloped,
            operationName: params.operationName,
            document: parse(params.query),
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
          const errors = validate(args.schema, args.document);
          return errors.length ? errors : args;
        },
      },
      wsServer,
    );
    return async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    };
  }

  return { yoga, fetch: yoga.fetch, attachWebSockets };
}
export type Gateway = ReturnType<typeof createGateway>;
