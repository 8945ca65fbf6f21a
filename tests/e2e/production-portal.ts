// A portal as it runs in production, for browser tests that start from nothing (issue 12): a fresh empty
// PostgreSQL database, a real SMTP server in the test process, and the BUILT server (`node build/index.js`)
// in production mode as a child process. Nothing is seeded; the operator tool (db/kommune-cli.ts) is
// how anything gets in. Tests that need more (an OpenID Connect provider, a register) pass extra env.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/postgres';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProductionPortal {
  /** http://localhost:<port>, the server's PUBLIC_URL: the browser must use this origin (writes from others are refused). */
  url: string;
  port: number;
  /** The environment the server runs with (also what the operator tool gets). */
  env: Record<string, string>;
  databaseUrl: string;
  /** `npm run kommune -- <args>` against this portal's database, as an operator would run it. */
  runKommuneCli(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** The next e-mail to `to` that this test has not taken yet; waits for it up to `timeoutMs`. */
  nextMail(to: string, timeoutMs?: number): Promise<Mail>;
  /** Every e-mail received so far. */
  mails: Mail[];
  /** Runs SQL on the portal's database (read what the tests check; the app's own role). */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** What the server wrote to stdout/stderr so far (for a failure message). */
  output(): string;
  stop(): Promise<void>;
}

export interface ProductionPortalOptions {
  /** Extra or overriding environment for the server and the operator tool (OIDC provider, register URLs, …). */
  env?: Record<string, string>;
  /** How long to wait for /readyz (the first boot migrates an empty database). */
  readyTimeoutMs?: number;
  /** The port to listen on, when something started before the portal must know its address (an OIDC provider's redirect URIs). */
  port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function startSmtp() {
  const mails: Mail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: parsed.subject ?? '', text: parsed.text ?? '' });
        for (const wake of waiters.splice(0)) wake();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    changed: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Starts a production portal on a new empty database. Call `stop()` when done: it ends the server,
 * the SMTP server, and drops the database.
 */
export async function startProductionPortal(options: ProductionPortalOptions = {}): Promise<ProductionPortal> {
  if (!existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('build/index.js is missing: run `npm run build` first');
  const name = `fp_golive_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(ADMIN_URL, name);
  const smtp = await startSmtp();
  const port = options.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORTAL_MODE: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEYS: `k${Date.now()}:${randomBytes(32).toString('base64')}`,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Fritidsportal <ikke-svar@fritidsportal.test>',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  let log = '';
  const server: ChildProcess = spawn(process.execPath, ['build/index.js'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk) => (log += chunk));
  server.stderr!.on('data', (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!done) server.kill('SIGKILL');
    }
    await smtp.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the portal exited with ${server.exitCode}:\n${log}`);
      try {
        const r = await fetch(`${url}/readyz`);
        if (r.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`the portal was not ready within the time:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const taken = new Set<Mail>();
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return {
    url,
    port,
    env,
    databaseUrl,
    mails: smtp.mails,
    output: () => log,
    query: async (text, params = []) => (await db.unsafe(text, params as never[])) as never,
    async runKommuneCli(args, extraEnv = {}) {
      const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'db/kommune-cli.ts', ...args], {
        cwd: ROOT,
        env: { ...env, ...extraEnv } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
      return { code, stdout, stderr };
    },
    async nextMail(to, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const want = to.toLowerCase();
      for (;;) {
        const mail = smtp.mails.find((m) => !taken.has(m) && m.to.toLowerCase().split(',').includes(want));
        if (mail) {
          taken.add(mail);
          return mail;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no e-mail to ${to} within ${timeoutMs} ms (${smtp.mails.length} received)`);
        await Promise.race([smtp.changed(), new Promise((r) => setTimeout(r, Math.min(left, 500)))]);
      }
    },
    async stop() {
      await db.end({ timeout: 2 });
      await stop();
    },
  };
}
