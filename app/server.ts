// The process entry (compiled into build/index.js by remix.config.js's `server`): boot-time database,
// security headers, static files, background jobs and a graceful shutdown.
import * as build from '@remix-run/dev/server-build';
import { broadcastDevReady } from '@remix-run/node';
import { createRequestHandler } from '@remix-run/express';
import zlib from 'node:zlib';
import compression from 'compression';
import express from 'express';
import { env, publicUrl } from '~/utils/env.server';
import { runBootChecks } from '~/utils/boot-checks.server';
import { startDatabase } from '~/utils/db.server';
import { microCache } from '~/utils/micro-cache.server';
import { databaseOutage } from '~/utils/db-health.server';
import { precompressed } from '~/utils/precompressed.server';
import { securityHeaders } from '~/utils/security.server';
import { httpGuards } from '~/utils/http-guards.server';
import { seedIfEmpty } from '~/domain/demo.server';
import { indexUnindexedTranslations } from '~/domain/catalogue/translation-index.server';
import { startJobs } from '~/domain/jobs.server';
import { startSearchCountFlush } from '~/domain/insight/search-counts.server';
import { errorFields, log, logRequestErrors } from '~/utils/log.server';

// Node's default for an unhandled rejection prints the error whole (a database error's query and
// parameters with it) and exits: log it safely instead. An uncaught exception still ends the process
// (its state is unknown); the supervisor starts a new one (docs/operations.md).
process.on('unhandledRejection', (reason) => log.error('process.unhandled_rejection', errorFields(reason)));
process.on('uncaughtException', (error) => {
  log.error('process.uncaught_exception', errorFields(error));
  process.exit(1);
});

let config;
try {
  config = env();
  // Keys, proxies and the mail server tried before the server listens (so before /readyz says ready).
  await runBootChecks(config);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const started = Date.now();
const database = await startDatabase();
if (config.isDemo && config.SEED === 'auto') await seedIfEmpty(database);
// Translations saved before the per-language search index existed (a no-op once they are indexed).
await indexUnindexedTranslations();
const stopJobs = config.JOBS === 'on' ? startJobs() : () => Promise.resolve();
// Searches are counted in this process's memory; written every minute and once more at shutdown.
const stopSearchCounts = startSearchCountFlush();

const app = express();
app.disable('x-powered-by');
// Whose X-Forwarded-For decides req.ip, the rate limits' address: nobody's unless TRUST_PROXY says.
app.set('trust proxy', config.TRUST_PROXY);
app.use(securityHeaders({ production: config.isProduction, tileUrl: config.TILE_URL, devServerPort: build.mode === 'development' ? 3001 : undefined, signInProviders: config.OIDC_PROVIDERS.map((p) => p.issuer) }));
// Pages: one string each (entry.server.tsx), compressed at a low setting whose cost was measured
// (docs/decisions/016): brotli 2 / gzip 2 take about 1 ms for a 42 kB search page. Files under /build
// are never compressed here: the build wrote their .br and .gz.
app.use(
  compression({
    level: 2,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } },
    filter: (req, res) => !req.path.startsWith('/build/') && compression.filter(req, res),
  }),
);
app.use('/build', precompressed('public/build'), express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));
// Past the static files: a cap on requests in flight, well-formed addresses, same-origin writes,
// form content types and bounded bodies (http-guards.server.ts).
app.use(httpGuards({ publicUrl: publicUrl(), maxInFlight: config.MAX_IN_FLIGHT }));
// Public pages, briefly, for anonymous visitors (micro-cache.server.ts says what it never does).
if (config.MICRO_CACHE === 'on') app.use(microCache());
// While PostgreSQL is away, a page that fails answers 503 with Retry-After instead of 500.
app.use(databaseOutage());
app.all(
  '*',
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip }),
  }),
);
app.use(logRequestErrors);

const server = app.listen(config.PORT, config.HOST, () => {
  log.info('server.listening', { port: config.PORT, database: database.kind, bootMs: Date.now() - started });
  if (build.mode === 'development') void broadcastDevReady(build as never);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('server.stopping', { signal });
  // Stop taking new connections, let running requests finish, then close jobs and the database.
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  server.close(async () => {
    await stopJobs();
    await stopSearchCounts();
    await database.close();
    log.info('server.stopped', {});
    process.exit(0);
  });
  server.closeIdleConnections?.();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
