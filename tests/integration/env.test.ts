import { parseEnv } from '../../app/utils/env.server';

describe('environment', () => {
  test('defaults to demo mode on the embedded database', () => {
    const env = parseEnv({});
    expect(env.isDemo).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  test('a bad value stops the boot with a message naming the variable', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
  });

  test('production requires the secrets and never runs as demo', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS: required in production/);
    const env = parseEnv({ NODE_ENV: 'production', ENCRYPTION_KEYS: 'k1:' + 'a'.repeat(44), SESSION_SECRET: 'x'.repeat(32) });
    expect(env.isDemo).toBe(false);
  });
});
