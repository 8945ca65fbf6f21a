// Starts the production build (build/index.js, made by `npx remix build`, which tests/run-all.sh runs
// before vitest) as a child process against a test database, and talks plain HTTP to it, so that the
// Express middleware in app/server.ts is under test too, which in-process route tests skip.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const BUILD = path.resolve('build/index.js');

export interface BuiltServer {
  port: number;
  /** The portal's own origin (its PUBLIC_URL), as a browser on its pages sends it. */
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The built server on a free port, with PUBLIC_URL http://localhost:<port>; resolves once /healthz answers. */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run \`npx remix build\` first (npm test does)`);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [BUILD], {
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: origin, JOBS: 'off', SEED: 'never', SMTP_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`the built server exited before it answered:\n${output.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the built server did not answer /healthz within 30 s:\n${output.slice(-2000)}`);
    }
    const ok = await send(port, { path: '/healthz' }).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    origin,
    output: () => output,
    stop: async () => {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Sent {
  method?: string;
  /** Sent as written: it may hold escapes and bytes a URL parser would change. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
}

/** One request on its own connection; Host is localhost:<port> unless given. */
export function send(port: number, r: Sent, timeoutMs = 15_000): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `localhost:${port}`, ...r.headers };
    if (r.body !== undefined && !r.chunked) headers['Content-Length'] = String(Buffer.byteLength(r.body));
    const req = http.request({ host: '127.0.0.1', port, method: r.method ?? 'GET', path: r.path, headers, agent: false, timeout: timeoutMs });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms: ${r.method ?? 'GET'} ${r.path}`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
