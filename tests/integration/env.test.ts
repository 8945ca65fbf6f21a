import { vi } from 'vitest';
import { decrypt, encrypt } from '../../app/utils/crypto.server';
import { isLocalUrl, parseEnv, publicUrl, resetEnv } from '../../app/utils/env.server';
import { loader as devMailLoader } from '../../app/routes/dev.epost';
import { action as devClockAction, loader as devClockLoader } from '../../app/routes/dev.klokke';
import { useTestDatabase } from '../setup/db';

useTestDatabase();

const secrets = { ENCRYPTION_KEYS: 'k1:' + Buffer.alloc(32, 1).toString('base64'), SESSION_SECRET: 'x'.repeat(32) };
const publicAddress = 'https://fritid.example.no';

/** Runs `body` with the app's environment changed, then puts it back. */
async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T> | T): Promise<T> {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnv();
  try {
    return await body();
  } finally {
    vi.unstubAllEnvs();
    resetEnv();
  }
}

async function status(run: () => unknown) {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  return 200;
}

const args = (request = new Request('http://localhost/dev/epost')) => ({ request, params: {}, context: {} });

describe('environment', () => {
  test('defaults to demo mode on the embedded database', () => {
    const env = parseEnv({});
    expect(env.isDemo).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe('http://localhost:3000');
  });

  test('a bad value stops the boot with a message naming the variable', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(/MIGRATION_DATABASE_URL: must start with postgres/);
  });

  test('a migration URL without DATABASE_URL is refused: the embedded database has one role', () => {
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: 'postgres://owner@127.0.0.1/fp' })).toThrow(/MIGRATION_DATABASE_URL: needs DATABASE_URL/);
    const env = parseEnv({ DATABASE_URL: 'postgres://app@127.0.0.1/fp', MIGRATION_DATABASE_URL: 'postgres://owner@127.0.0.1/fp' });
    expect(env.MIGRATION_DATABASE_URL).toBe('postgres://owner@127.0.0.1/fp');
  });

  test('production requires the secrets and never runs as demo', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS: required in production/);
    const env = parseEnv({ NODE_ENV: 'production', ...secrets });
    expect(env.isDemo).toBe(false);
  });
});

describe('demo only when asked', () => {
  test('a server on a public address without NODE_ENV refuses to start and says what to set', () => {
    const start = () => parseEnv({ PUBLIC_URL: publicAddress, DATABASE_URL: 'postgres://127.0.0.1:5432/postgres' });
    expect(start).toThrow(/PUBLIC_URL https:\/\/fritid\.example\.no is not on this machine, and NODE_ENV is not set/);
    expect(start).toThrow(/Set NODE_ENV=production .*or NODE_ENV=demo for a deliberate public demo/);
  });

  test('NODE_ENV=development or test on a public address is refused the same way', () => {
    expect(() => parseEnv({ NODE_ENV: 'development', PUBLIC_URL: publicAddress })).toThrow(/NODE_ENV is development\. Set NODE_ENV=production/);
    expect(() => parseEnv({ NODE_ENV: 'test', PUBLIC_URL: 'http://10.0.0.5:3000' })).toThrow(/NODE_ENV is test\. Set NODE_ENV=production/);
  });

  test('production with the required keys starts on a public address with no demo features', () => {
    const env = parseEnv({ NODE_ENV: 'production', PUBLIC_URL: publicAddress, DATABASE_URL: 'postgres://db.example.no/fp', ...secrets });
    expect(env).toMatchObject({ isProduction: true, isDemo: false, PUBLIC_URL: publicAddress });
  });

  test('NODE_ENV=demo on a public address is a deliberate demo', () => {
    expect(parseEnv({ NODE_ENV: 'demo', PUBLIC_URL: publicAddress }).isDemo).toBe(true);
  });

  test('a local demo on a real PostgreSQL keeps working without NODE_ENV', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://fp.localhost']) {
      expect(parseEnv({ PUBLIC_URL: url, DATABASE_URL: 'postgres://127.0.0.1:5432/fp' }).isDemo, url).toBe(true);
    }
  });

  test('only loopback names and addresses count as this machine', () => {
    for (const url of ['http://localhost', 'http://127.0.0.1', 'http://127.1.2.3:9', 'http://[::1]', 'http://a.localhost']) expect(isLocalUrl(url), url).toBe(true);
    for (const url of ['http://localhost.example.no', 'http://127.0.0.1.nip.io', 'http://10.0.0.1', 'http://0.0.0.0', 'https://fritid.example.no']) {
      expect(isLocalUrl(url), url).toBe(false);
    }
  });

  test('in demo mode PUBLIC_URL follows PORT, so e-mail links reach this server', async () => {
    expect(parseEnv({ NODE_ENV: 'demo', PORT: '3123' }).PUBLIC_URL).toBe('http://localhost:3123');
    expect(await withEnv({ NODE_ENV: 'demo', PORT: '3123' }, () => publicUrl())).toBe('http://localhost:3123');
    expect(parseEnv({ NODE_ENV: 'demo', PORT: '3123', PUBLIC_URL: 'http://127.0.0.1:9000/' }).PUBLIC_URL).toBe('http://127.0.0.1:9000/');
  });

  test('production never uses the public demo key', async () => {
    const demoValue = encrypt('Yasmin'); // NODE_ENV=test: the demo key
    expect(demoValue.split('.')[1]).toBe('demo-not-secret');
    await withEnv({ NODE_ENV: 'production', ...secrets }, () => {
      const value = encrypt('Yasmin');
      expect(value.split('.')[1]).toBe('k1');
      expect(decrypt(value)).toBe('Yasmin');
      expect(() => decrypt(demoValue)).toThrow(/no decryption key with id demo-not-secret/);
    });
  });

  test('/dev/epost and /dev/klokke answer 404 outside demo mode', async () => {
    await withEnv({ NODE_ENV: 'production', ...secrets }, async () => {
      expect(await status(() => devMailLoader(args()))).toBe(404);
      expect(await status(() => devClockLoader(args()))).toBe(404);
      const purge = new Request('http://localhost/dev/klokke', { method: 'POST', body: new URLSearchParams({ days: '91' }) });
      expect(await status(() => devClockAction(args(purge)))).toBe(404);
    });
  });

  test('/dev/epost answers in demo mode', async () => {
    await withEnv({ NODE_ENV: 'demo' }, async () => {
      const response = await devMailLoader(args());
      expect(response.status).toBe(200);
      expect((await response.json()).codes.length).toBeGreaterThan(0);
    });
  });
});
