import type { IncomingMessage, Server } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { GraphQLError, getOperationAST, getVariableValues, type ExecutionArgs } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext, GatewayDeps } from './context.ts';
import { createRequestContext, responseCookies } from './auth/requestContext.ts';
import { credentialsOfRequest, credentialsOfWebSocket } from './auth/requestCredentials.ts';
import { authorizeWebSocket, releaseWebSocket } from './auth/webSocketAuth.ts';
import { accessLog } from './edge/accessLog.ts';
import { clientAddress } from './edge/clientAddress.ts';
import { defaultEdgeSettings, type EdgeSettings } from './edge/edgeSettings.ts';
import { createErrorMasking } from './edge/errorMasking.ts';
import { localizedErrors } from './edge/localizedErrors.ts';
import { queryLimits } from './edge/queryLimits.ts';
import { createRateLimits, rateLimitedRoutes } from './edge/rateLimits.ts';
import { currentRequestScope, inRequestScope, requestIdFrom, requestIds, type RequestScope } from './edge/requestIds.ts';
import { yogaLogging } from './edge/yogaLogging.ts';
import { jsonErrorBodies } from './http/jsonErrorBodies.ts';
import { maxUploadBytes, requestBodyLimits } from './http/requestBodyLimits.ts';
import { serviceRoutes } from './http/serviceRoutes.ts';
import { corsPolicy } from './http/corsPolicy.ts';
import { graphqlSse } from './http/graphqlSse.ts';
import { graphiqlPage } from './graphiql/graphiqlPage.ts';
import { createGatewayLifecycle, type GatewayLifecycle } from './lifecycle/gatewayLifecycle.ts';
import { gatewayMetrics } from './observability/gatewayMetrics.ts';
import { dashboardAssets } from './http/dashboardAssets.ts';
import { planReportRoute } from './reports/planReportRoute.ts';
import { schema } from './schema/index.ts';

const graphqlEndpoint = '/graphql';

/** How the gateway is operated: query, rate and body limits, CORS origins, the metrics token, its shutdown state. */
export interface GatewayOperation {
  edge?: EdgeSettings;
  corsOrigins?: readonly string[];
  metricsToken?: string | undefined;
  lifecycle?: GatewayLifecycle;
  /** The dashboard's build folder (DASHBOARD_DIR); the checkout's apps/dashboard/dist by default. */
  dashboardDir?: string | undefined;
}

/**
 * Queries run compiled (a dashboard resolves ~10,000 fields); mutations, subscriptions and queries whose
 * variables do not coerce keep the standard executor, so their answers and errors (400s) stay its own.
 */
function runsCompiled(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'query') return false;
  return !('errors' in getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 1 }));
}

/** The whole gateway as a fetch handler: GraphQL (HTTP, SSE, graphql-sse), GraphiQL, webhooks, health checks, metrics and the dashboard at `/`. */
export function createGateway(deps: GatewayDeps, operation: GatewayOperation = {}) {
  const settings = operation.edge ?? defaultEdgeSettings;
  const lifecycle = operation.lifecycle ?? createGatewayLifecycle();
  const metrics = gatewayMetrics({ token: operation.metricsToken });
  const rateLimits = createRateLimits(deps.redis, settings.rateLimits, deps.log);
  const maskError = createErrorMasking(deps.log);
  const cookies = responseCookies();
  const hops = settings.rateLimits.trustedProxyHops;
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint,
    landingPage: false,
    // Served offline at /graphiql by graphiqlPage(), outside production.
    graphiql: false,
    cors: corsPolicy(operation.corsOrigins ?? []),
    logging: yogaLogging(deps.log),
    maskedErrors: { maskError },
    // The cap of uploads; JSON bodies have a lower one (requestBodyLimits).
    maxRequestBodySize: maxUploadBytes,
    plugins: [
      requestIds(),
      lifecycle.readiness,
      ...metrics.plugins,
      rateLimitedRoutes(rateLimits, graphqlEndpoint),
      ...(settings.production ? [] : [graphiqlPage()]),
      ...graphqlSse(deps.log),
      serviceRoutes(deps),
      planReportRoute(deps, hops),
      requestBodyLimits(settings.maxJsonBodyBytes),
      ...queryLimits(settings),
      useGraphQlJit({}, { enableIf: runsCompiled }),
      jsonErrorBodies(graphqlEndpoint),
      localizedErrors(),
      accessLog(deps.log),
      dashboardAssets(operation.dashboardDir),
      cookies.plugin,
    ],
    // HTTP requests bring a Request (and, from the node server, its socket); WebSocket operations the
    // upgrade request and the connection params.
    context: async ({ request, req, connectionParams }: { request?: Request; req?: IncomingMessage; connectionParams?: Record<string, unknown> }) => {
      const requestId = currentRequestScope()?.requestId;
      const credentials = request
        ? credentialsOfRequest(request, req?.socket?.remoteAddress, hops)
        : credentialsOfWebSocket(req!, connectionParams, hops);
      const context = await createRequestContext(deps, credentials);
      if (request) cookies.track(request, context.auth);
      return requestId ? { ...context, log: deps.log.child({ requestId }) } : context;
    },
  });

  type Enveloped = Pick<ReturnType<typeof yoga.getEnveloped>, 'execute' | 'subscribe'> & { scope: RequestScope };

  /** graphql-ws on the same path, sharing yoga's envelop (schema, context, auth, limits, error masking). */
  function attachWebSockets(server: Server) {
    const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
    const disposable = useServer(
      {
        // onSubscribe hands over yoga's enveloped execute/subscribe (and the operation's request scope) as the root value.
        execute: (args) => { const root = args.rootValue as Enveloped; return inRequestScope(root.scope, () => root.execute(args)); },
        subscribe: (args) => { const root = args.rootValue as Enveloped; return inRequestScope(root.scope, () => root.subscribe(args)); },
        // A connection without a valid credential is refused here, before any operation.
        onConnect: (ctx) => authorizeWebSocket(deps, ctx, hops),
        onClose: (ctx) => releaseWebSocket(ctx),
        onSubscribe: async (ctx, _id, params) => {
          const { headers, socket } = ctx.extra.request;
          const scope: RequestScope = { requestId: requestIdFrom(String(headers['x-request-id'] ?? '')), startedAt: performance.now(), operationName: params.operationName ?? undefined };
          return inRequestScope(scope, async () => {
            const authorization = headers.authorization;
            const connectionParams = { ...(authorization ? { authorization } : {}), ...(ctx.connectionParams ?? {}) };
            const address = clientAddress(socket.remoteAddress, String(headers['x-forwarded-for'] ?? ''), settings.rateLimits.trustedProxyHops);
            const token = typeof connectionParams.authorization === 'string' ? connectionParams.authorization : undefined;
            const refusal = await rateLimits.consume('graphql', { address, authorization: token });
            if (refusal) return [new GraphQLError(refusal.message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: refusal.retryAfterSeconds } })];
            const { schema: enveloped, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
              ...ctx,
              req: ctx.extra.request,
              socket: ctx.extra.socket,
              params,
              connectionParams,
            });
            let document;
            try {
              document = parse(params.query);
            } catch (error) {
              if (error instanceof GraphQLError) return [error];
              throw error;
            }
            const args = {
              schema: enveloped,
              operationName: params.operationName,
              document,
              variableValues: params.variables,
              contextValue: await contextFactory(),
              rootValue: { execute, subscribe, scope },
            };
            const errors = validate(args.schema, args.document);
            return errors.length ? errors : args;
          });
        },
      },
      wsServer,
    );
    return async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    };
  }

  return { yoga, fetch: yoga.fetch, attachWebSockets, lifecycle, metrics: metrics.registry };
}
export type Gateway = ReturnType<typeof createGateway>;
