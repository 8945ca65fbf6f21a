// The built server (build/index.js, which `npm test` builds before vitest) as a child process: Express
// decides the client's address as TRUST_PROXY says, and a misconfigured server never starts listening.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { withDatabase } from '../setup/test-database';

const root = path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'build/index.js');
const goodKeys = `boot:${randomBytes(32).toString('base64')}`;

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A database of its own for one server: a copy of the seeded template, or a fresh PGlite folder. */
async function ownDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const info = inject('testDb');
  if (info.kind === 'postgres') {
    const name = `fp_test_proxy_${randomBytes(4).toString('hex')}`;
    const admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${info.template}`);
    return {
      env: { DATABASE_URL: withDatabase(info.adminUrl, name) },
      drop: async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'fp-proxy-'));
  return { env: { PGLITE_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(env: Record<string, string>): Started {
  const { DATABASE_URL: _d, SMTP_URL: _s, TRUST_PROXY: _t, ENCRYPTION_KEYS: _e, ...inherited } = process.env;
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'test', SEED: 'never', JOBS: 'off', LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts the server and waits until /readyz says ready. */
async function startServer(extra: Record<string, string> = {}) {
  const database = await ownDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = run({ ...database.env, PORT: String(port), PUBLIC_URL: base, ...extra });
  const deadline = Date.now() + 45_000;
  let gone = false;
  void started.exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the server exited during boot:\n${started.output()}`);
    const ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the server was not ready in 45 s:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    /** A wrong password for one address book entry, from whatever X-Forwarded-For says. */
    signIn: async (forwardedFor: string) => {
      const res = await fetch(`${base}/logg-inn?index&_data=routes%2Flogg-inn._index`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'X-Forwarded-For': forwardedFor },
        body: new URLSearchParams({ email: 'ingen.konto@example.no', password: 'feil passord her' }),
      });
      await res.arrayBuffer();
      return res.status;
    },
    stop: async () => {
      started.child.kill('SIGTERM');
      await started.exited;
      await database.drop();
    },
  };
}

beforeAll(() => {
  if (!existsSync(entry)) throw new Error('build/index.js is missing: run `npx remix build` first (npm test does)');
});

describe('the client address behind (or without) a proxy', () => {
  test('without TRUST_PROXY a forged X-Forwarded-For changes nothing: the sixth wrong password is refused', { timeout: 90_000 }, async () => {
    const server = await startServer();
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push(await server.signIn(`192.0.2.${i}`));
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    } finally {
      await server.stop();
    }
  });

  test('with TRUST_PROXY=loopback the proxy’s X-Forwarded-For is the address: each client its own bucket', { timeout: 90_000 }, async () => {
    const server = await startServer({ TRUST_PROXY: 'loopback' });
    try {
      const rotating = [];
      for (let i = 0; i < 6; i++) rotating.push(await server.signIn(`192.0.2.${i}`));
      expect(rotating).toEqual(Array(6).fill(400));
      // One client behind the proxy is still one address; a value it adds in front is not believed.
      const one = [];
      for (let i = 0; i < 6; i++) one.push(await server.signIn(`10.66.${i}.1, 198.51.100.7`));
      expect(one).toEqual([400, 400, 400, 400, 400, 429]);
    } finally {
      await server.stop();
    }
  });
});

describe('a misconfigured server never starts', () => {
  const refuse = async (env: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fp-boot-'));
    try {
      const started = run({ PGLITE_DIR: dir, PORT: String(await freePort()), ...env });
      const code = await Promise.race([started.exited, new Promise<'running'>((r) => setTimeout(r, 30_000, 'running'))]);
      if (code === 'running') started.child.kill('SIGKILL');
      return { code, output: started.output() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('a malformed ENCRYPTION_KEYS: exit 1 before listening, with a message that names it', { timeout: 60_000 }, async () => {
    const { code, output } = await refuse({ ENCRYPTION_KEYS: 'k1:ikke-en-nokkel' });
    expect(code).toBe(1);
    expect(output).toMatch(/ENCRYPTION_KEYS: entry 1 of 1 must be id:<32 bytes in base64>/);
    expect(output).not.toContain('ikke-en-nokkel');
  });

  test('production without SMTP_URL: exit 1, naming SMTP_URL', { timeout: 60_000 }, async () => {
    const { code, output } = await refuse({ NODE_ENV: 'production', ENCRYPTION_KEYS: goodKeys, PUBLIC_URL: 'https://fritid.example.no' });
    expect(code).toBe(1);
    expect(output).toMatch(/SMTP_URL: required in production/);
  });

  test('production with a mail server that does not answer: exit 1, naming SMTP_URL', { timeout: 60_000 }, async () => {
    const { code, output } = await refuse({ NODE_ENV: 'production', ENCRYPTION_KEYS: goodKeys, PUBLIC_URL: 'https://fritid.example.no', SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    expect(code).toBe(1);
    expect(output).toMatch(/SMTP_URL: the mail server at smtp:\/\/127\.0\.0\.1:\d+ did not accept a connection and login/);
  });

  test('a TRUST_PROXY Express cannot read: exit 1, naming TRUST_PROXY', { timeout: 60_000 }, async () => {
    const { code, output } = await refuse({ TRUST_PROXY: 'proxy.example.no' });
    expect(code).toBe(1);
    expect(output).toMatch(/TRUST_PROXY: invalid IP address: proxy\.example\.no/);
  });
});
