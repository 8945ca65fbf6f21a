import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from './env.server';

// AES-256-GCM for sensitive fields (names, contacts, needs, notes). A stored value is
// `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so keys can rotate: the first key in
// ENCRYPTION_KEYS encrypts, every listed key can decrypt.

type Key = { id: string; key: Buffer };

// Demo mode only (never production, where ENCRYPTION_KEYS is required at boot): a fixed, public key,
// so the demo data survives restarts. It protects nothing and says so in its name.
const DEMO_KEY = 'demo-not-secret:' + Buffer.alloc(32, 7).toString('base64');

let cache: { source: string; keys: Key[] } | undefined;

/** Parses `id:base64key,…`; a bad entry is named by its place in the list, never by its value. */
export function parseKeys(source: string): Key[] {
  const entries = source.split(',').map((pair) => pair.trim());
  if (!entries.filter(Boolean).length) throw new Error('ENCRYPTION_KEYS is empty');
  const keys = entries.map((pair, i) => {
    const [id, b64, ...rest] = pair.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    // Node decodes base64 leniently (skipping stray characters): insist it round-trips, so a typo is caught.
    const canonical = (b: string) => b.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    if (!id || !/^[\w-]{1,40}$/.test(id) || rest.length || key.length !== 32 || canonical(key.toString('base64')) !== canonical(b64 ?? '')) {
      throw new Error(`ENCRYPTION_KEYS: entry ${i + 1} of ${entries.length} must be id:<32 bytes in base64> (the id 1–40 letters, digits, _ or -)`);
    }
    return { id, key };
  });
  const ids = keys.map((k) => k.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`ENCRYPTION_KEYS: the key id ${twice} is listed twice`);
  return keys;
}

/**
 * For the boot (app/utils/boot-checks.server.ts): parses the keys in use and encrypts and decrypts a
 * probe with each, so a bad key stops the server before it takes a request instead of failing every
 * sign-up. Throws an error that names ENCRYPTION_KEYS.
 */
export function checkEncryptionKeys() {
  const all = keys();
  for (const { id, key } of all) {
    const probe = `probe ${newToken(8)}`;
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(id));
      const data = Buffer.concat([cipher.update(probe, 'utf8'), cipher.final()]);
      const stored = ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
      if (decrypt(stored) !== probe) throw new Error('the decrypted probe differs');
    } catch (error) {
      throw new Error(`ENCRYPTION_KEYS: key ${id} failed an encryption round trip (${(error as Error).message})`);
    }
  }
  // And the path every write takes: the first key.
  const probe = `probe ${newToken(8)}`;
  if (decrypt(encrypt(probe)) !== probe) throw new Error('ENCRYPTION_KEYS: the encryption round trip with the first key failed');
  return all.map((k) => k.id);
}

function keys(): Key[] {
  const e = env();
  const source = e.ENCRYPTION_KEYS ?? (e.isDemo ? DEMO_KEY : undefined);
  if (!source) throw new Error('ENCRYPTION_KEYS is not set (the public demo key is for demo mode only)');
  if (cache?.source !== source) cache = { source, keys: parseKeys(source) };
  return cache.keys;
}

export function encrypt(plain: string): string {
  const { id, key } = keys()[0];
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decrypt(stored: string): string {
  const [version, id, iv, tag, data] = stored.split('.');
  if (version !== 'v1') throw new Error('not an encrypted value');
  const key = keys().find((k) => k.id === id);
  if (!key) throw new Error(`no decryption key with id ${id}`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

export const encryptOptional = (plain: string | null | undefined) => (plain ? encrypt(plain) : null);
export const decryptOptional = (stored: string | null | undefined) => (stored ? decrypt(stored) : null);

/** A random token for links and cookies; only its hash is stored. */
export function newToken(bytes = 32) {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

export function sameHash(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// A value a browser holds and must not forge (the flash cookie) is signed with a key derived from each
// encryption key, never the key itself; the first key signs, every listed key verifies, as with encrypt().
const macKey = (key: Buffer) => createHash('sha256').update('fritidsportal-sign-v1').update(key).digest();
const mac = (key: Buffer, value: string) => createHmac('sha256', macKey(key)).update(value).digest('base64url');

export function sign(value: string) {
  return `${value}.${mac(keys()[0].key, value)}`;
}

/** The value a sign() made, or null when the signature is missing or wrong. */
export function unsign(signed: string): string | null {
  const dot = signed.lastIndexOf('.');
  if (dot < 1) return null;
  const value = signed.slice(0, dot);
  const signature = signed.slice(dot + 1);
  return keys().some((k) => sameHash(mac(k.key, value), signature)) ? value : null;
}
