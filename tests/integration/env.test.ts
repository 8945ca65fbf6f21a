import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { decrypt, encrypt } from '../../app/utils/crypto.server';
import { env as currentEnv, isLocalUrl, parseEnv, publicUrl, resetEnv } from '../../app/utils/env.server';
import { checkTrustProxy, runBootChecks } from '../../app/utils/boot-checks.server';
import { startSmtp } from '../setup/smtp';
import { loader as devMailLoader } from '../../app/routes/dev.epost';
import { action as devClockAction, loader as devClockLoader } from '../../app/routes/dev.klokke';
import { useTestDatabase } from '../setup/db';

useTestDatabase();

const secrets = { ENCRYPTION_KEYS: 'k1:' + Buffer.alloc(32, 1).toString('base64'), SMTP_URL: 'smtp://127.0.0.1:2525' };
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

  test('production without SMTP_URL is refused: a reset would say "sent" and never go', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', ENCRYPTION_KEYS: secrets.ENCRYPTION_KEYS })).toThrow(/SMTP_URL: required in production/);
    expect(() => parseEnv({ NODE_ENV: 'production', ...secrets, SMTP_URL: 'mail.example.no' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  test('SESSION_SECRET is gone: nothing reads it, nothing requires it', () => {
    const env = parseEnv({ NODE_ENV: 'production', ...secrets, SESSION_SECRET: 'short' });
    expect(env).not.toHaveProperty('SESSION_SECRET');
  });

  test('TRUST_PROXY: nobody by default, else a hop count or a list of proxies, as Express takes it', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.1' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '192.0.2.1']);
    expect(() => checkTrustProxy(['loopback', '10.0.0.0/8'])).not.toThrow();
    expect(() => checkTrustProxy(['my-proxy.example'])).toThrow(/^TRUST_PROXY: invalid IP address: my-proxy\.example/);
  });
});

describe('demo only when asked', () => {
  test('a server on a public address without NODE_ENV refuses to start and says what to set', () => {
    const start = () => parseEnv({ PUBLIC_URL: publicAddress, DATABASE_URL: 'postgres://127.0.0.1:5432/postgres' });
    expect(start).toThrow(/PUBLIC_URL https:\/\/fritid\.example\.no is not on this machine, and PORTAL_MODE is not set and NODE_ENV is not set/);
    expect(start).toThrow(/Set PORTAL_MODE=production .*or PORTAL_MODE=demo for a deliberate public demo/);
  });

  test('NODE_ENV=development or test on a public address is refused the same way', () => {
    expect(() => parseEnv({ NODE_ENV: 'development', PUBLIC_URL: publicAddress })).toThrow(/NODE_ENV is development\. Set PORTAL_MODE=production/);
    expect(() => parseEnv({ NODE_ENV: 'test', PUBLIC_URL: 'http://10.0.0.5:3000' })).toThrow(/NODE_ENV is test\. Set PORTAL_MODE=production/);
    expect(() => parseEnv({ PORTAL_MODE: 'local', PUBLIC_URL: publicAddress })).toThrow(/PORTAL_MODE is local\. Set PORTAL_MODE=production/);
  });

  test('production with the required keys starts on a public address with no demo features', () => {
    const env = parseEnv({ NODE_ENV: 'production', PUBLIC_URL: publicAddress, DATABASE_URL: 'postgres://db.example.no/fp', ...secrets });
    expect(env).toMatchObject({ isProduction: true, isDemo: false, PUBLIC_URL: publicAddress });
  });

  test('NODE_ENV=demo on a public address is a deliberate demo', () => {
    expect(parseEnv({ NODE_ENV: 'demo', PUBLIC_URL: publicAddress }).isDemo).toBe(true);
  });

  test('the mode is its own setting: npm start runs React\'s production build (NODE_ENV=production) in any mode', () => {
    // As `npm start` passes them: PORTAL_MODE=${PORTAL_MODE:-${NODE_ENV:-demo}} NODE_ENV=production.
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'demo', PUBLIC_URL: publicAddress })).toMatchObject({ PORTAL_MODE: 'demo', isDemo: true, isProduction: false });
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'production', ...secrets })).toMatchObject({ PORTAL_MODE: 'production', isProduction: true });
    expect(() => parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'production' })).toThrow(/ENCRYPTION_KEYS: required in production/);
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'development' })).toMatchObject({ PORTAL_MODE: 'local', isDemo: true });
    expect(() => parseEnv({ PORTAL_MODE: 'staging' })).toThrow(/PORTAL_MODE/);
    const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string;
    expect(script).toContain('PORTAL_MODE=${PORTAL_MODE:-${NODE_ENV:-demo}} NODE_ENV=production ');
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

describe('configuration checked at boot', () => {
  const boot = (vars: Record<string, string>, options?: Parameters<typeof runBootChecks>[1]) => withEnv(vars, () => runBootChecks(currentEnv(), options));

  test('a malformed ENCRYPTION_KEYS stops the boot with a message naming it, never the key', async () => {
    const key = Buffer.alloc(32, 2).toString('base64');
    await expect(boot({ ENCRYPTION_KEYS: 'k1:tooshort' })).rejects.toThrow(/ENCRYPTION_KEYS: entry 1 of 1 must be id:<32 bytes in base64>/);
    await expect(boot({ ENCRYPTION_KEYS: `k1:${key},k2` })).rejects.toThrow(/ENCRYPTION_KEYS: entry 2 of 2/);
    await expect(boot({ ENCRYPTION_KEYS: `k1:${key.slice(0, 20)}!${key.slice(21)}` })).rejects.toThrow(/ENCRYPTION_KEYS: entry 1 of 1/);
    await expect(boot({ ENCRYPTION_KEYS: `k1:${key},k1:${key}` })).rejects.toThrow(/ENCRYPTION_KEYS: the key id k1 is listed twice/);
    await expect(boot({ ENCRYPTION_KEYS: 'k1:tooshort' })).rejects.not.toThrow(/tooshort/);
    await expect(boot({ ENCRYPTION_KEYS: `k1:${key},old:${Buffer.alloc(32, 3).toString('base64url')}` })).resolves.toBeUndefined();
  });

  test('in production the mail server is tried: one that answers passes, one that does not names SMTP_URL without its password', async () => {
    const smtp = await startSmtp();
    try {
      await expect(boot({ NODE_ENV: 'production', ...secrets, SMTP_URL: smtp.url })).resolves.toBeUndefined();
    } finally {
      await smtp.close();
    }
    const closed = 'smtp://postbud:hemmelig@127.0.0.1:1?ignoreTLS=true';
    const failure = boot({ NODE_ENV: 'production', ...secrets, SMTP_URL: closed }, { smtpTimeoutMs: 2_000 });
    await expect(failure).rejects.toThrow(/SMTP_URL: the mail server at smtp:\/\/127\.0\.0\.1:1 did not accept a connection and login \(ECONNREFUSED|ESOCKET/);
    await expect(failure).rejects.not.toThrow(/hemmelig|postbud/);
    // Outside production it is not dialled at boot (a local demo may point at a server that comes later).
    await expect(boot({ SMTP_URL: closed })).resolves.toBeUndefined();
  });

  test('every failure is listed at once, each line naming its variable', async () => {
    const failure = boot({ ENCRYPTION_KEYS: 'k1:x', TRUST_PROXY: 'proxy.example' });
    await expect(failure).rejects.toThrow(/Configuration check failed:\n  ENCRYPTION_KEYS: .*\n  TRUST_PROXY: /);
  });
});
