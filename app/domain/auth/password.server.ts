import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP minimum (19 MiB, 2 passes): a few tens of ms here, costly to brute-force.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 as const };

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(stored: string | null, password: string) {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// The most common passwords and the words people reach for here; a full list would be better, but
// length does most of the work.
const common = new Set([
  'passord123', 'passord1234', 'password123', 'password1234', '1234567890', 'qwertyuiop', 'qwerty1234', 'abcdefghij',
  'fotball123', 'sommer2024', 'sommer2025', 'sommer2026', 'vinter2025', 'vinter2026', 'hemmelig123', 'norge12345',
  'iloveyou123', 'letmein1234', 'fritidsportal', 'fritidsportalen', 'admin12345', 'welcome123',
]);

export type PasswordProblem = 'tooShort' | 'tooCommon' | 'containsEmail' | 'tooSimple';

/** Why a password is too weak, or null. Length first: 12 characters, or 10 with three kinds of character. */
export function passwordProblem(password: string, email = ''): PasswordProblem | null {
  const kinds = [/[a-zæøå]/, /[A-ZÆØÅ]/, /\d/, /[^\p{L}\d]/u].filter((r) => r.test(password)).length;
  if (password.length < 10 || (password.length < 12 && kinds < 3)) return 'tooShort';
  if (common.has(password.toLowerCase())) return 'tooCommon';
  const local = email.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'containsEmail';
  if (new Set(password).size < 5) return 'tooSimple';
  return null;
}
