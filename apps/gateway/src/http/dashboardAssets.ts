import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

/** Where `npm run build -w @goalpost/dashboard` writes the production build. */
export const builtDashboardDir = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

// Paths the gateway answers itself; everything else that is a GET belongs to the dashboard.
const gatewayPaths = /^\/(graphql|graphiql|webhooks|oauth|reports|unsubscribe|healthz|readyz)(\/|$)/;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

// Everything the dashboard loads comes from this origin: no CDN, and nothing else may be injected.
const contentSecurityPolicy = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
].join('; ');

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Goalpost</title>
<p>The dashboard is not built yet. Run <code>npm run build -w @goalpost/dashboard</code> (<code>npm start</code> does it for you), then reload.
GraphQL is served at <a href="/graphql">/graphql</a>.</p></html>`;

async function fileAt(path: string) {
  try {
    const info = await stat(path);
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

/**
 * Serves the dashboard's production build at `/`: hashed files under /assets/ cached for a year
 * (their names change with their content), everything else revalidated, and any other path without a
 * file extension answered with index.html when a browser asks for a page, so that client routes load on
 * refresh (SPA fallback).
 */
export function dashboardAssets(dir: string = builtDashboardDir): Plugin {
  const root = resolve(dir);
  return {
    onRequest: async ({ request, url, endResponse }) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (gatewayPaths.test(url.pathname)) return;
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return endResponse(new Response('Bad path', { status: 400 }));
      }
      const wanted = resolve(root, `.${pathname}`);
      const inside = wanted === root || wanted.startsWith(root + sep);
      const file = inside && pathname !== '/' ? await fileAt(wanted) : null;
      const headers: Record<string, string> = { 'x-content-type-options': 'nosniff' };
      if (file) {
        headers['content-type'] = types[extname(file)] ?? 'application/octet-stream';
        headers['cache-control'] = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        const body = request.method === 'HEAD' ? null : await readFile(file);
        return endResponse(new Response(body, { status: 200, headers }));
      }
      // A missing script or image is a 404, never the page: the browser would try to run HTML.
      if (extname(pathname) !== '') return endResponse(new Response('Not found', { status: 404, headers }));
      // Only a page load gets the page; an API client asking for an unknown path gets the JSON 404.
      if (pathname !== '/' && !(request.headers.get('accept') ?? '').includes('text/html')) return;
      const index = await fileAt(resolve(root, 'index.html'));
      headers['content-type'] = types['.html']!;
      headers['cache-control'] = 'no-cache';
      if (!index) return endResponse(new Response(notBuilt, { status: 404, headers }));
      headers['content-security-policy'] = contentSecurityPolicy;
      return endResponse(new Response(request.method === 'HEAD' ? null : await readFile(index), { status: 200, headers }));
    },
  };
}
