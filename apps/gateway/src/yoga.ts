import type { Server } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext, GatewayDeps } from './context.ts';
import { callerFromAuthorization } from './auth/callerFromToken.ts';
import { serviceRoutes } from './http/serviceRoutes.ts';
import { dashboardAssets } from './http/dashboardAssets.ts';
import { schema } from './schema/index.ts';

/** The whole gateway as a fetch handler: GraphQL (HTTP + SSE), webhooks, health checks and the dashboard at `/`. */
export function createGateway(deps: GatewayDeps) {
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
    plugins: [serviceRoutes(deps), dashboardAssets()],
    context: async ({ request, connectionParams }: { request?: Request; connectionParams?: Record<string, unknown> }) => {
      const header =
        request?.headers.get('authorization') ??
        (typeof connectionParams?.authorization === 'string' ? connectionParams.authorization : null) ??
        (typeof connectionParams?.Authorization === 'string' ? connectionParams.Authorization : null);
      return { ...deps, caller: await callerFromAuthorization(deps, header) };
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
        onSubscribe: async (ctx, _id, params) => {
          const authorization = ctx.extra.request.headers.authorization;
          const { schema: enveloped, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params,
            connectionParams: { ...(authorization ? { authorization } : {}), ...(ctx.connectionParams ?? {}) },
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
