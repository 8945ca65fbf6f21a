// `npm run kommune -- <command>`: the operator's tool for setting up kommuner (docs/operations.md).
// A thin parser: the commands are app/domain/operator/kommuner.server.ts. It opens the database the
// server uses (DATABASE_URL, else the embedded one in PGLITE_DIR) and migrates it first, as the server
// does at boot. The invitation e-mails go into the outbox; the running server (or `npm run worker`) sends them.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import type { OperatorFailure } from '../app/domain/operator/kommuner.server';

const HELP = `Usage: npm run kommune -- <command> [options]

Commands:
  add --number <NNNN> --name <name> --admin <e-mail> [--language nb]
        Creates the kommune from its official number and name (SSB's list, db/data/kommuner.json)
        and e-mails its first admin an invitation (valid 7 days).
  list
        Every kommune: number, name, slug, admins, unused admin invitations.
  admin add --kommune <number|slug> --email <e-mail> [--language nb]
        Invites one more admin of the kommune.
  admin remove --kommune <number|slug> --email <e-mail> [--force]
        Takes the admin role from the address (and cancels its unused invitations) and ends that
        user's sessions. The last admin is kept unless --force.

Environment: DATABASE_URL (else the embedded database in PGLITE_DIR, which the server must not have
open at the same time), ENCRYPTION_KEYS, PUBLIC_URL (the links in the e-mails) as the server has them.
Exit codes: 0 done, 1 refused (nothing written), 2 bad usage.`;

const reasons: Record<OperatorFailure['reason'], string> = {
  badNumber: 'a kommune number has four digits',
  unknownNumber: 'no kommune has that number in the official list',
  wrongName: 'the name does not match the official name for that number',
  duplicate: 'that kommune is already set up',
  unknownKommune: 'no kommune set up here has that number or slug',
  alreadyAdmin: 'that address is already an admin of the kommune',
  notAdmin: 'that address is not an admin of the kommune and has no invitation to it',
  lastAdmin: 'that is the kommune\'s last admin; invite another first, or add --force',
};

class UsageError extends Error {}

function options(args: string[], spec: Record<string, 'string' | 'boolean'>) {
  const { values, positionals } = parseArgs({
    args,
    options: Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }])),
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  return values as Record<string, string | boolean | undefined>;
}

function required(values: Record<string, string | boolean | undefined>, ...names: string[]) {
  for (const n of names) if (typeof values[n] !== 'string' || values[n] === '') throw new UsageError(`--${n} is required`);
  return values as Record<string, string>;
}

function refused(failure: OperatorFailure): never {
  const extra = failure.reason === 'wrongName' && failure.expected ? ` (the official name is "${failure.expected}")` : '';
  throw new Refusal(`refused: ${reasons[failure.reason]}${extra}; nothing was changed`);
}
class Refusal extends Error {}

type Out = (line: string) => void;

/**
 * Runs one command and returns its exit code (0, or 2 for a missing command); a refusal or bad usage is
 * thrown, and describeFailure gives its message and code. Exported for tests that run it in-process.
 */
export async function runKommuneCli(argv: string[], out: Out = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(HELP);
    return command ? 0 : 2;
  }
  const ops = await import('../app/domain/operator/kommuner.server');
  if (command === 'add') {
    const v = required(options(rest, { number: 'string', name: 'string', admin: 'string', language: 'string' }), 'number', 'name', 'admin');
    const result = await ops.addKommune({ number: v.number, name: v.name, admin: v.admin, language: v.language });
    if (!result.ok) refused(result);
    out(`Added ${result.kommune.number} ${result.kommune.name} (slug ${result.kommune.slug}); an invitation to be its admin is on its way to ${v.admin.trim()}.`);
    return 0;
  }
  if (command === 'list') {
    options(rest, {});
    const rows = await ops.listKommuner();
    if (!rows.length) {
      out('No kommuner yet. Add one with: npm run kommune -- add --number <NNNN> --name <name> --admin <e-mail>');
      return 0;
    }
    const table = [['number', 'name', 'slug', 'admins', 'pending invitations'], ...rows.map((r) => [r.number, r.name, r.slug, String(r.admins), String(r.pendingInvitations)])];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    for (const row of table) out(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
    return 0;
  }
  if (command === 'admin') {
    const [sub, ...more] = rest;
    if (sub === 'add') {
      const v = required(options(more, { kommune: 'string', email: 'string', language: 'string' }), 'kommune', 'email');
      const result = await ops.addKommuneAdmin({ kommune: v.kommune, email: v.email, language: v.language });
      if (!result.ok) refused(result);
      out(`An invitation to be admin of ${result.kommune.number} ${result.kommune.name} is on its way to ${v.email.trim()}.`);
      return 0;
    }
    if (sub === 'remove') {
      const raw = options(more, { kommune: 'string', email: 'string', force: 'boolean' });
      const v = required(raw, 'kommune', 'email');
      const result = await ops.removeKommuneAdmin({ kommune: v.kommune, email: v.email, force: raw.force === true });
      if (!result.ok) refused(result);
      const what = result.removedRole ? `${v.email.trim()} is no longer admin of ${result.kommune.number} ${result.kommune.name}; their sessions are ended` : `No admin role to remove for ${v.email.trim()}`;
      out(`${what}${result.cancelledInvitations ? `; ${result.cancelledInvitations} unused invitation(s) cancelled` : ''}.`);
      return 0;
    }
    throw new UsageError(`unknown command: admin ${sub ?? ''}`.trim());
  }
  throw new UsageError(`unknown command: ${command}`);
}

/** Exit code and message for what a command threw. */
export function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof Refusal) return { code: 1, message: error.message };
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    return { code: 2, message: `${(error as Error).message}\nSee: npm run kommune -- --help` };
  }
  if (error instanceof ZodError) {
    const words: Record<string, string> = { email: 'not an e-mail address', language: 'one of nb nn se en pl lt uk ar so ti ur', tooLong: 'too long', required: 'required' };
    const fields = error.issues.map((i) => `--${i.path.join('.')}: ${words[i.message] ?? i.message}`);
    return { code: 2, message: fields.join('\n') };
  }
  return { code: 1, message: `failed: ${(error as Error)?.message ?? String(error)}` };
}

async function main() {
  const argv = process.argv.slice(2);
  const wantsDb = argv.length > 0 && !['--help', '-h', 'help'].includes(argv[0]);
  let close = async () => {};
  let code: number;
  try {
    if (wantsDb) {
      const { runBootChecks } = await import('../app/utils/boot-checks.server');
      const { env } = await import('../app/utils/env.server');
      const { startDatabase } = await import('../app/utils/db.server');
      await runBootChecks(env(), { verifySmtp: false });
      const handle = await startDatabase();
      close = () => handle.close();
    }
    code = await runKommuneCli(argv);
  } catch (error) {
    const failure = describeFailure(error);
    console.error(failure.message);
    code = failure.code;
  }
  await close();
  process.exit(code);
}

if (/db[\\/]kommune-cli\.ts$/.test(process.argv[1] ?? '')) void main();
