// `npm run bench:mail`: how fast the outbox sends e-mail to a real SMTP server on this machine.
// Enqueues MAIL_BENCH_MESSAGES receipts (the real template), then drains the outbox as the job does and
// times it. The same run also times the old way (one message at a time, a new connection each, one
// batch of 20 per 5-second tick is what production did) as a ratio, since this machine is shared.
// Prints one JSON object as its last line.
import { openDatabase, runMigrations } from '../../db/client';
import { useDatabase } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { startSmtp } from '../setup/smtp';

const N = Number(process.env.MAIL_BENCH_MESSAGES ?? 1000);

const smtp = await startSmtp();
process.env.SMTP_URL = smtp.url;
process.env.LOG_LEVEL = 'silent';
resetEnv();
// The embedded database keeps the figure about the outbox and the transport, not a server's disk.
const handle = await openDatabase({ dataDir: 'memory://' });
await runMigrations(handle);
useDatabase(handle);
const { enqueue, drainOutbox, processOutbox } = await import('../../app/domain/notifications/outbox.server');

async function fill(n: number) {
  for (let i = 0; i < n; i++) await enqueue({ to: `familie${i}@example.no`, template: 'signup-confirmation', language: i % 2 ? 'ar' : 'nb', params: { activity: 'Fotball 9–12 år', path: `/pamelding/t${i}` } });
}

await fill(N);
smtp.received.length = 0;
let started = performance.now();
const drained = await drainOutbox();
const seconds = (performance.now() - started) / 1000;
const received = smtp.received.length;

// The old loop for comparison: one call per message, in order (a batch of 1, as a slow path).
const M = Math.min(200, N);
await fill(M);
started = performance.now();
for (let sent = 0; sent < M; ) sent += (await processOutbox({ limit: 1 })).sent;
const oneByOne = (performance.now() - started) / 1000;

await smtp.close();
await handle.close();
const result = {
  messages: N,
  sent: drained.sent,
  receivedBySmtp: received,
  seconds: Number(seconds.toFixed(2)),
  messagesPerSecond: Math.round(N / seconds),
  oneAtATimePerSecond: Math.round(M / oneByOne),
  speedup: Number((M / oneByOne > 0 ? N / seconds / (M / oneByOne) : 0).toFixed(1)),
  target: 50,
};
console.log(JSON.stringify(result));
process.exit(result.messagesPerSecond >= 50 && received === N ? 0 : 1);
