/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Our own Express server (app/server.ts) is compiled into build/index.js together with the app,
  // so security headers, graceful shutdown and the boot-time database live in one TypeScript build.
  server: './app/server.ts',
  serverBuildPath: 'build/index.js',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
