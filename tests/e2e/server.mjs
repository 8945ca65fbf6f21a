// Starts the built portal for the browser tests on a fresh database: a new PostgreSQL database when a
// server answers, otherwise a temporary PGlite folder. Demo mode seeds it on boot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://127.0.0.1:5432/postgres';

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function reachable(url) {
  if (process.env.TEST_DATABASE === 'pglite') return false;
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

if (await reachable(adminUrl)) {
  const name = `fp_e2e_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // Databases of earlier runs go first (a killed server cannot drop its own), but not those of a run
  // still going on this machine: its pid is in the name.
  for (const { datname } of await admin`select datname from pg_database where datname like 'fp_e2e_%'`) {
    if (!processAlive(Number(datname.slice('fp_e2e_'.length)))) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
  await admin.end();
} else {
  delete process.env.DATABASE_URL;
  const dir = mkdtempSync(path.join(tmpdir(), 'fp-e2e-'));
  process.env.PGLITE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
// A real SMTP server in this process: the portal sends over SMTP as in production, and the browser
// tests read what arrived from test-results/e2e-mail.jsonl.
const { SMTPServer } = await import('smtp-server');
const { simpleParser } = await import('mailparser');
const { appendFileSync, mkdirSync, writeFileSync } = await import('node:fs');
mkdirSync('test-results', { recursive: true });
const mailLog = path.resolve('test-results/e2e-mail.jsonl');
writeFileSync(mailLog, '');
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then((mail) => {
      appendFileSync(mailLog, JSON.stringify({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: mail.subject ?? '', text: mail.text ?? '' }) + '\n');
      callback();
    }, callback);
  },
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}?ignoreTLS=true`;

// Enhetsregisteret's stand-in with the recorded answers (tests/fixtures/brreg), on a port beside the portal's.
const { tsImport } = await import('tsx/esm/api');
const { startBrregServer } = await tsImport('../setup/brreg-server.ts', import.meta.url);
const brreg = await startBrregServer(Number(process.env.E2E_BRREG_PORT ?? Number(process.env.PORT) + 1000));
process.env.BRREG_URL = brreg.url;

// As `npm start` runs it: React's production build, demo mode as its own setting.
process.env.NODE_ENV ??= 'production';
process.env.PORTAL_MODE ??= 'demo';
process.env.LOG_LEVEL ??= 'silent';
await import(path.resolve('build/index.js'));
