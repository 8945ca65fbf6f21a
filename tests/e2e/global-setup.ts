import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function globalSetup() {
  if (!existsSync('/usr/bin/chromium')) execFileSync('bash', ['tests/setup/ensure-chromium.sh'], { stdio: 'inherit' });
  if (!existsSync('build/index.js')) throw new Error('build/index.js is missing: run `npm run build` first (npm test does).');
}
