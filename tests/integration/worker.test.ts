import { inject } from 'vitest';
import { spawn } from 'node:child_process';
import { enqueue } from '../../app/domain/notifications/outbox.server';
import { useTestDatabase } from '../setup/db';

// `npm run worker` runs the background jobs without the web server. This starts it as its own process
// against this file's database, checks that it sends a queued message, and that SIGTERM stops it cleanly.
const t = useTestDatabase();

test.runIf(inject('testDb').kind === 'postgres')('the worker process sends queued mail and stops on SIGTERM', async () => {
  await enqueue({ channel: 'sms', to: '+47 400 00 099', template: 'follow-up-due', language: 'nb', params: { path: '/guide' } });
  const child = spawn(process.execPath, ['--import', 'tsx', 'db/worker.ts'], {
    env: { ...process.env, DATABASE_URL: t.url!, NODE_ENV: 'test', SMTP_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    // The outbox job runs once at start: the message reaches the dev mailbox within seconds.
    const deadline = Date.now() + 20_000;
    let sent: { recipient: string }[] = [];
    while (Date.now() < deadline && !sent.length) {
      await new Promise((r) => setTimeout(r, 200));
      sent = await t.handle.query<{ recipient: string }>(`select recipient from dev_mailbox where recipient = '+47 400 00 099'`);
    }
    expect(sent, output).toHaveLength(1);
    expect(output).toContain('worker.started');
    // The message's address is not in the worker's log.
    expect(output).not.toContain('400 00 099');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}, 30_000);
