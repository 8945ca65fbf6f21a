import { z } from 'zod';
import { isValidOrgnr } from './orgnr';

function postgresUrl() {
  return z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined));
}

/** One OpenID Connect provider for staff sign-in (docs/decisions/021-staff-sign-in-with-openid-connect.md). */
export const oidcProviderSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'id must be 1–40 lower-case letters, digits or -'),
  kind: z.enum(['idporten', 'ansattporten', 'entra']),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  /** Kommune slugs whose staff may use it, or ['*'] for every kommune. */
  kommuner: z.array(z.string().min(1)).min(1),
  label: z.string().min(1).max(60).optional(),
});
export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

const oidcProviders = z
  .string()
  .optional()
  .transform((v, ctx): OidcProviderConfig[] => {
    if (!v || !v.trim()) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of providers' });
      return z.NEVER;
    }
    const parsed = z.array(oidcProviderSchema).safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `provider ${i.path.join('.')}: ${i.message}` });
      return z.NEVER;
    }
    const ids = parsed.data.map((p) => p.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) {
      ctx.addIssue({ code: 'custom', message: `the provider id ${twice} is listed twice` });
      return z.NEVER;
    }
    return parsed.data;
  });

const schema = z.object({
  /** Staff sign-in with OpenID Connect: a JSON array of { id, kind, issuer, clientId, clientSecret?, kommuner, label? }. */
  OIDC_PROVIDERS: oidcProviders,
  /**
   * Only which build of React and Express runs: `npm start` always runs `production`. `demo` is still
   * read as PORTAL_MODE=demo, so older start scripts keep working.
   */
  NODE_ENV: z.enum(['production', 'development', 'test', 'demo']).default('development'),
  /** What the portal is: `production`, `demo` (a deliberate demo) or `local` (a demo confined to this machine). Defaults from NODE_ENV. */
  PORTAL_MODE: z
    .enum(['production', 'demo', 'local', 'development', 'test'])
    .optional()
    .or(z.literal('').transform(() => undefined))
    // `npm start` passes NODE_ENV on as the mode (PORTAL_MODE=${NODE_ENV}); development and test are local.
    .transform((v): PortalMode | undefined => (v === 'development' || v === 'test' ? 'local' : v)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres:// URL. Without it the embedded PGlite database in PGLITE_DIR is used. */
  DATABASE_URL: postgresUrl(),
  /** The owner role's URL for migrations; without it migrations run as DATABASE_URL's role. */
  MIGRATION_DATABASE_URL: postgresUrl(),
  PGLITE_DIR: z.string().default('.data/pglite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Without it, links point at this machine on PORT. */
  PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  /** Key id and 32-byte base64 key pairs, `id:key,id:key`; the first encrypts, all decrypt. */
  // An empty value (`ENCRYPTION_KEYS=` in an env file) is the same as none.
  ENCRYPTION_KEYS: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined)),
  /** smtp:// or smtps:// URL of the mail server; required in production, verified at boot (boot-checks.server.ts). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/, 'must be an smtp:// or smtps:// URL with a host')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Which proxies' X-Forwarded-For Express believes when it works out `req.ip` (the rate limits' address):
   * `false` (the default: none, the socket's peer is the client), a hop count, or a comma-separated list of
   * proxy addresses / subnets / `loopback`, `linklocal`, `uniquelocal`, as Express's `trust proxy` takes.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | number | string[] => {
      const value = (v ?? '').trim();
      if (value === '' || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      return value.split(',').map((part) => part.trim()).filter(Boolean);
    }),
  /** Where an accessibility report goes when its kommune has no admin yet (app/domain/accessibility/report.server.ts). */
  OPERATOR_EMAIL: z.email().optional().or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Fritidsportal <ikke-svar@fritidsportal.example>'),
  /** `auto` seeds an empty database in demo mode; `never` never seeds. */
  SEED: z.enum(['auto', 'never']).default('auto'),
  SEED_SCALE: z.coerce.number().int().min(0).max(200000).optional(),
  /** Background jobs (outbox, purge); tests and the bench turn them off. */
  JOBS: z.enum(['on', 'off']).default('on'),
  /** The in-process cache of anonymous public pages (micro-cache.server.ts): `off` when a CDN in front caches them, and for the bench's uncached figures. */
  MICRO_CACHE: z.enum(['on', 'off']).default('on'),
  /** Requests handled at once; past it, 503 with Retry-After at once instead of a queue (http-guards.server.ts). */
  /** Enhetsregisteret's open API (data.brreg.no, NLOD); tests point it at a local server with recorded answers. */
  BRREG_URL: z.url().default('https://data.brreg.no'),
  /** How often the recheck of approved clubs against the register's update feed runs (ms); weekly by default. */
  BRREG_RECHECK_EVERY_MS: z.coerce.number().int().min(60_000).default(7 * 24 * 60 * 60 * 1000),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
  /** The open-data catalogue's publisher (/dcat, DCAT-AP-NO): the operator's organisation number in Enhetsregisteret (spaces allowed). */
  OPEN_DATA_PUBLISHER_ORGNR: z
    .string()
    .transform((v) => v.replace(/\s/g, ''))
    .refine((v) => v === '' || isValidOrgnr(v), 'must be a Norwegian organisation number (9 digits, MOD11)')
    .optional()
    .transform((v) => v || undefined),
  /** The publisher's name as Enhetsregisteret has it; set together with OPEN_DATA_PUBLISHER_ORGNR. */
  OPEN_DATA_PUBLISHER_NAME: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  /** Where questions about the open data go (the catalogue's contact point); none by default. */
  OPEN_DATA_CONTACT_EMAIL: z.email().optional().or(z.literal('').transform(() => undefined)),
});

export type PortalMode = 'production' | 'demo' | 'local';
export type Env = Omit<z.infer<typeof schema>, 'PUBLIC_URL' | 'PORTAL_MODE'> & { PUBLIC_URL: string; PORTAL_MODE: PortalMode; isProduction: boolean; isDemo: boolean };

/** Loopback names and addresses: a server whose links point here serves only this machine. */
export function isLocalUrl(url: string) {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/**
 * Parses the environment once; a bad value stops the boot with a message that names it.
 *
 * Modes (PORTAL_MODE): `production` never has demo features; `demo` has them anywhere (a deliberate
 * public demo); `local` has them too, but only on this machine, so a server on a public address with a
 * forgotten setting refuses to start instead of becoming a demo. Without PORTAL_MODE, NODE_ENV decides:
 * `production` → production, `demo` → demo, anything else → local. The mode is separate from NODE_ENV
 * so that a demo runs React's production build (issue 13).
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const problems: string[] = [];
  const mode: PortalMode = env.PORTAL_MODE ?? (env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'demo' ? 'demo' : 'local');
  const isProduction = mode === 'production';
  if (isProduction) {
    // Without SMTP_URL a reset or a receipt would be "sent" and never leave the outbox.
    for (const k of ['ENCRYPTION_KEYS', 'SMTP_URL'] as const) if (!env[k]) problems.push(`  ${k}: required in production`);
  }
  const PUBLIC_URL = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  if (mode === 'local' && !isLocalUrl(PUBLIC_URL)) {
    const why = source.PORTAL_MODE ? 'PORTAL_MODE is local' : `PORTAL_MODE is not set and NODE_ENV ${source.NODE_ENV ? `is ${env.NODE_ENV}` : 'is not set'}`;
    problems.push(
      `  PORTAL_MODE: PUBLIC_URL ${PUBLIC_URL} is not on this machine, and ${why}.` +
        ' Set PORTAL_MODE=production for a real server (with ENCRYPTION_KEYS and SMTP_URL),' +
        ' or PORTAL_MODE=demo for a deliberate public demo (demo users, a public encryption key, /dev pages).',
    );
  }
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) problems.push('  MIGRATION_DATABASE_URL: needs DATABASE_URL (the application role)');
  // Half a publisher is a forgotten line, not a choice: refuse it here rather than publish /dcat without its publisher.
  if (!env.OPEN_DATA_PUBLISHER_ORGNR !== !env.OPEN_DATA_PUBLISHER_NAME) {
    problems.push(`  ${env.OPEN_DATA_PUBLISHER_ORGNR ? 'OPEN_DATA_PUBLISHER_NAME' : 'OPEN_DATA_PUBLISHER_ORGNR'}: set both OPEN_DATA_PUBLISHER_ORGNR and OPEN_DATA_PUBLISHER_NAME, or neither`);
  }
  if (problems.length) throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  // Past the refusal above, anything but production is a demo chosen by PORTAL_MODE=demo or confined to this machine.
  return { ...env, PUBLIC_URL, PORTAL_MODE: mode, isProduction, isDemo: !isProduction };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests change the environment (e.g. SMTP_URL for a test server) and re-read it. */
export function resetEnv() {
  cached = undefined;
}

/** The subset the browser may see. */
export function publicEnv() {
  const e = env();
  return { TILE_URL: e.TILE_URL, TILE_ATTRIBUTION: e.TILE_ATTRIBUTION };
}

/** The portal's own address without a trailing slash, for absolute links (never the request's Host header, which a client controls). */
export function publicUrl() {
  return env().PUBLIC_URL.replace(/\/$/, '');
}
