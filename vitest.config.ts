import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': path.resolve(import.meta.dirname, 'app') } },
  test: {
    include: ['app/**/*.test.ts', 'db/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globals: true,
    globalSetup: ['tests/setup/global-db.ts'],
    setupFiles: ['tests/setup/fail-on-console-error.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // BRREG_URL: a closed local port, so a test that forgets its stand-in register never calls data.brreg.no.
    env: { LOG_LEVEL: 'silent', JOBS: 'off', BRREG_URL: 'http://127.0.0.1:9' },
  },
});
