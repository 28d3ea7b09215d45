import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { shouldRenderGraphiQL, type GraphiQLOptions, type Plugin } from 'graphql-yoga';

export const graphiqlPath = '/graphiql';
const assetsPath = `${graphiqlPath}/assets`;

/**
 * GraphiQL without a CDN. yoga's own page loads GraphiQL from a CDN (a blank "Loading…" page offline);
 * `@graphql-yoga/render-graphiql` bundles it, and the gateway serves that bundle as files of its own, so
 * the page is small, the browser caches the 9 MB of GraphiQL, and nothing is fetched from elsewhere.
 * The bundle's module is imported at the first asset request, not at start: as a module it holds ~30 MB
 * of heap (its source text and the strings it exports), which a gateway nobody opens GraphiQL on never needs.
 */
const assetTypes = {
  'graphiql.js': 'text/javascript; charset=utf-8',
  'graphiql.css': 'text/css; charset=utf-8',
  'favicon.ico': 'image/x-icon',
  // Monaco's editor, JSON and GraphQL language workers, started from same-origin URLs.
  'editor.worker.js': 'text/javascript; charset=utf-8',
  'json.worker.js': 'text/javascript; charset=utf-8',
  'graphql.worker.js': 'text/javascript; charset=utf-8',
} as const;
type AssetName = keyof typeof assetTypes;
const assetUrl = (name: AssetName) => `${assetsPath}/${name}`;

async function assetBody(name: AssetName): Promise<string | Buffer> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  switch (name) {
    case 'graphiql.js': return bundle.js;
    case 'graphiql.css': return bundle.css;
    case 'favicon.ico': return Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64');
    case 'editor.worker.js': return bundle.editorWorkerService;
    case 'json.worker.js': return bundle.jsonWorker;
    case 'graphql.worker.js': return bundle.graphqlWorker;
  }
}

/** Bytes, ETag and gzip of an asset, made on first request and kept. */
const prepared = new Map<AssetName, Promise<{ plain: Uint8Array<ArrayBuffer>; gzipped: Uint8Array<ArrayBuffer>; etag: string }>>();
function prepare(name: AssetName) {
  let asset = prepared.get(name);
  if (!asset) {
    asset = assetBody(name).then(async (body) => {
      const plain = new Uint8Array(Buffer.from(body));
      return { plain, gzipped: new Uint8Array(await promisify(gzip)(plain)), etag: etagOf(plain) };
    });
    prepared.set(name, asset);
  }
  return asset;
}
const etagOf = (plain: Uint8Array) => `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`;

/** Serialised into an inline script: `<` escaped, so no value can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function page(options: GraphiQLOptions): string {
  const workers = { editorWorkerService: assetUrl('editor.worker.js'), json: assetUrl('json.worker.js'), graphql: assetUrl('graphql.worker.js') };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${options.title}</title>
    <link rel="icon" href="${assetUrl('favicon.ico')}" />
    <link rel="stylesheet" href="${assetUrl('graphiql.css')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${assetUrl('graphiql.js')}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

const graphiqlOptions: GraphiQLOptions = {
  title: 'Goalpost GraphiQL',
  endpoint: '/graphql',
  subscriptionsProtocol: 'SSE',
  // The token goes in the Headers tab, open from the start; it is not kept in the browser's storage.
  // Empty until filled in, the schema still loads (an anonymous caller may read it).
  isHeadersEditorEnabled: true,
  defaultEditorToolsVisibility: 'headers',
  headers: JSON.stringify({ Authorization: '' }, null, 2),
  shouldPersistHeaders: false,
  defaultQuery: `# Put your API token in the Headers tab below:
#   { "Authorization": "Bearer gp_…" }
# (npm start prints a demo token)
{
  plans {
    edges { node { id name status } }
  }
}
`,
};

/**
 * GraphiQL at `/graphiql` (GraphQL stays at `/graphql`, the dashboard takes `/`); a browser opening
 * `/graphql` is sent there.
 */
export function graphiqlPage(): Plugin {
  const html = page(graphiqlOptions);
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/graphql' && shouldRenderGraphiQL(request) && !url.searchParams.has('query')) {
        return endResponse(new Response(null, { status: 302, headers: { location: graphiqlPath } }));
      }
      if (url.pathname === graphiqlPath && request.method === 'GET') {
        return endResponse(new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } }));
      }
      if (!url.pathname.startsWith(`${assetsPath}/`)) return;
      const name = url.pathname.slice(assetsPath.length + 1);
      if (!Object.hasOwn(assetTypes, name)) return endResponse(new Response('No such GraphiQL asset.\n', { status: 404 }));
      const asset = await prepare(name as AssetName);
      const headers: Record<string, string> = {
        'content-type': assetTypes[name as AssetName],
        'cache-control': 'public, max-age=3600',
        etag: asset.etag,
        vary: 'accept-encoding',
      };
      if (request.headers.get('if-none-match') === asset.etag) return endResponse(new Response(null, { status: 304, headers }));
      const gzipped = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      if (gzipped) headers['content-encoding'] = 'gzip';
      return endResponse(new Response(gzipped ? asset.gzipped : asset.plain, { headers }));
    },
  };
}
