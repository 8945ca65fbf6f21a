// The app's request handler in-process, built as the compiler would: every route file under app/routes
// (found the way remix.config.js finds them), the real app/root.tsx and app/entry.server.tsx, so that a
// request runs Remix's own routing, loaders, actions, handleRequest, handleDataRequest and handleError.
// Only the components are replaced by ones that render nothing: what a test reads is the headers, the
// status and the logs, not the markup (the browser tests check that).
import path from 'node:path';
import { createElement } from 'react';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js';
import config from '../../remix.config.js';
import * as entry from '../../app/entry.server';
import * as root from '../../app/root';

type Module = Record<string, unknown>;
export type AppRoute = { id: string; parentId?: string; path?: string; index?: boolean; file: string; module: Module };

const appDirectory = path.resolve(import.meta.dirname, '../../app');

const silent = (module: Module) => ({
  ...module,
  default: module.default ? () => createElement(Outlet) : undefined,
  ErrorBoundary: module.ErrorBoundary ? () => null : undefined,
});

/** Every route of the app with its module, root first. */
export async function appRoutes(): Promise<AppRoute[]> {
  const found = Object.values(flatRoutes(appDirectory, config.ignoredRouteFiles));
  const routes = await Promise.all(found.map(async (r) => ({ ...r, module: (await import(path.join(appDirectory, r.file))) as Module })));
  return [{ id: 'root', path: '', file: 'root.tsx', module: root as Module }, ...routes];
}

/**
 * The handler Express calls in app/server.ts, minus Express. `render` keeps the real components (for a
 * test that reads the markup); `replace` swaps exports of a route by id (a loader that fails, say).
 */
export async function appHandler(options: { render?: boolean; replace?: Record<string, Module> } = {}) {
  const routes = (await appRoutes()).map((r) => (options.replace?.[r.id] ? { ...r, module: { ...r.module, ...options.replace[r.id] } } : r));
  const build: ServerBuild = {
    mode: 'production',
    entry: { module: entry },
    routes: Object.fromEntries(routes.map((r) => [r.id, { id: r.id, parentId: r.parentId, path: r.path, index: r.index, module: options.render ? r.module : silent(r.module) }])),
    assets: {
      entry: { module: '/build/entry.client.js', imports: [] },
      routes: Object.fromEntries(
        routes.map((r) => [
          r.id,
          {
            id: r.id, parentId: r.parentId, path: r.path, index: r.index, module: `/build/${r.id}.js`, imports: [],
            hasLoader: Boolean(r.module.loader), hasAction: Boolean(r.module.action), hasClientLoader: false, hasClientAction: false, hasErrorBoundary: Boolean(r.module.ErrorBoundary),
          },
        ]),
      ),
      url: '/build/manifest.js',
      version: 'test',
    },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_singleFetch: false, v3_lazyRouteDiscovery: false, v3_routeConfig: false, unstable_optimizeDeps: false, ...config.future },
    isSpaMode: false,
  } as ServerBuild;
  const handle = createRequestHandler(build, 'production');
  const byModule = new Map(routes.map((r) => [r.module, r]));
  return {
    routes,
    /** The route a module was loaded as (a test imports the module, the handler needs its id). */
    routeOf: (module: object) => byModule.get(module as Module),
    fetch: (request: Request) => handle(request, { cspNonce: '' }),
  };
}
