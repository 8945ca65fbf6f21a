import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test', 'demo']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres:// URL. Without it the embedded PGlite database in PGLITE_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PGLITE_DIR: z.string().default('.data/pglite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  /** Key id and 32-byte base64 key pairs, `id:key,id:key`; the first encrypts, all decrypt. */
  ENCRYPTION_KEYS: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Fritidsportal <ikke-svar@fritidsportal.example>'),
  /** `auto` seeds an empty database in demo mode; `never` never seeds. */
  SEED: z.enum(['auto', 'never']).default('auto'),
  SEED_SCALE: z.coerce.number().int().min(0).max(200000).optional(),
  /** Background jobs (outbox, purge); tests and the bench turn them off. */
  JOBS: z.enum(['on', 'off']).default('on'),
});

export type Env = z.infer<typeof schema> & { isProduction: boolean; isDemo: boolean };

/** Parses the environment once; a bad value stops the boot with a message that names it. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction) {
    const missing = (['ENCRYPTION_KEYS', 'SESSION_SECRET'] as const).filter((k) => !env[k]);
    if (missing.length) throw new Error(`Invalid environment:\n${missing.map((k) => `  ${k}: required in production`).join('\n')}`);
  }
  return { ...env, isProduction, isDemo: !isProduction };
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
