import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayDeps } from '../context.ts';
import { authenticateRequest } from '../auth/authenticateRequest.ts';
import { roleAllows, unauthenticatedError } from '../auth/refusals.ts';
import { credentialsOfRequest } from '../auth/requestCredentials.ts';
import { socketAddressOf } from '../edge/clientAddress.ts';
import { jsonResponse } from '../http/jsonResponse.ts';
import { withinRouteErrorBoundary } from '../http/routeErrorBoundary.ts';
import { localId } from '../schema/globalIds.ts';
import { loadPlanReport, planReportCsv, planReportPdf, reportPathPrefix } from '@goalpost/reports';
import { readReportRequest } from './reportRequest.ts';

const notFound = (planId: string) =>
  jsonResponse(404, { error: `No plan ${planId.slice(0, 100)} in your workspace: name a plan by the id the API returns, as /reports/plans/{id}.pdf or .csv.`, code: 'NOT_FOUND' });

/** `attachment` with an ASCII name for old clients and the UTF-8 one (RFC 6266, RFC 8187's attr-chars) for the rest. */
function attachment(name: string, extension: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'plan';
  const encoded = encodeURIComponent(`${name.slice(0, 120)}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}

function planUuidOf(planId: string): string | null {
  try {
    return localId(planId, 'Plan', 'planId');
  } catch {
    return null;
  }
}

/**
 * `GET /reports/plans/{planId}.pdf` and `.csv` (`?part=series` for the daily series; `?lang=` or
 * Accept-Language for the PDF's words): authenticated as /graphql is (bearer token or session cookie,
 * the workspace by `x-goalpost-workspace`), for any member (VIEWER or better). Another workspace's plan
 * and an id that names no plan answer the same 404. Refusals are JSON; the report itself is streamed.
 */
export function planReportRoute(deps: GatewayDeps, trustedProxyHops: number): Plugin {
  return {
    onRequest: async ({ request, url, serverContext, endResponse }) => {
      if (!url.pathname.startsWith('/reports/')) return;
      endResponse(await withinRouteErrorBoundary(deps.log, async () => {
        const read = readReportRequest(url, request.headers.get('accept-language'));
        if (!read) {
          return jsonResponse(404, { error: `No such report: plan reports are at ${reportPathPrefix}{planId}.pdf and ${reportPathPrefix}{planId}.csv.`, code: 'NOT_FOUND' });
        }
        if (request.method !== 'GET') {
          return jsonResponse(405, { error: 'Reports are downloaded with GET.', code: 'METHOD_NOT_ALLOWED' }, { allow: 'GET' });
        }
        if ('issues' in read) {
          const summary = read.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
          return jsonResponse(400, { error: `Invalid report request — ${summary}.`, code: 'BAD_USER_INPUT', issues: read.issues });
        }
        const credentials = credentialsOfRequest(request, socketAddressOf(serverContext), trustedProxyHops);
        let authenticated;
        try {
          authenticated = await authenticateRequest(deps, credentials);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'CSRF_REFUSED') {
            return jsonResponse(403, { error: error.message, code: 'CSRF_REFUSED' });
          }
          throw error;
        }
        const { auth, caller } = authenticated;
        const cookies = auth.responseCookies.map((cookie) => ['set-cookie', cookie] as [string, string]);
        const answer = (response: Response) => {
          for (const [name, value] of cookies) response.headers.append(name, value);
          return response;
        };
        if (!auth.identity) {
          const refusal = unauthenticatedError();
          return answer(jsonResponse(401, { error: refusal.message, code: 'UNAUTHENTICATED' }, { 'www-authenticate': 'Bearer realm="goalpost"' }));
        }
        if (!caller || !roleAllows(caller.role, 'VIEWER')) {
          return answer(jsonResponse(403, { error: auth.workspaceRefusal ?? 'No workspace to read the plan in.', code: 'FORBIDDEN', requiredRole: 'VIEWER' }));
        }
        const { request: wanted } = read;
        const planUuid = planUuidOf(wanted.planId);
        const report = planUuid ? await loadPlanReport(deps.db, caller.workspaceId, planUuid, deps.now()) : undefined;
        if (!report) return answer(notFound(wanted.planId));

        const headers = new Headers({
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        });
        for (const [name, value] of cookies) headers.append(name, value);
        if (wanted.format === 'pdf') {
          headers.set('content-type', 'application/pdf');
          headers.set('content-language', wanted.language);
          headers.set('content-disposition', attachment(report.plan.name, 'pdf'));
          return new Response(planReportPdf(report, wanted.language, deps.log), { status: 200, headers });
        }
        headers.set('content-type', 'text/csv; charset=utf-8; header=present');
        headers.set('content-disposition', attachment(wanted.part === 'series' ? `${report.plan.name} series` : report.plan.name, 'csv'));
        return new Response(planReportCsv(report, wanted.part, deps.log), { status: 200, headers });
      }));
    },
  };
}
