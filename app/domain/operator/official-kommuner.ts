import list from '../../../db/data/kommuner.json';

/** One kommune of SSB's classification 131 (db/data/kommuner.json says which version and where from). */
export interface OfficialKommune {
  number: string;
  /** SSB's name; a kommune with Sámi or Kven forms has them joined by " - ". */
  name: string;
  /** Each form on its own, when there are several. */
  altNames?: string[];
}

export const officialKommuner: readonly OfficialKommune[] = list.kommuner;
export const officialKommuneSource = { source: list.source, url: list.url, licence: list.licence, validFrom: list.validFrom, retrieved: list.retrieved };

const byNumber = new Map(officialKommuner.map((k) => [k.number, k]));

// Case, spacing, dashes and Unicode composition do not matter: "guovdageaidnu – kautokeino" is the name.
const comparable = (name: string) =>
  name
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/** The names an operator may type for a kommune: the full name, each form, and the name without "(fylke)". */
export function acceptedNames(k: OfficialKommune) {
  const names = [k.name, ...(k.altNames ?? []), k.name.replace(/\s*\([^)]*\)$/, '')];
  return [...new Set(names.map(comparable))];
}

export type OfficialLookup = { ok: true; kommune: OfficialKommune } | { ok: false; reason: 'badNumber' | 'unknownNumber' } | { ok: false; reason: 'wrongName'; expected: string };

/** Checks a kommune number and name against the official list. */
export function findOfficialKommune(number: string, name: string): OfficialLookup {
  const n = number.trim();
  if (!/^\d{4}$/.test(n)) return { ok: false, reason: 'badNumber' };
  const k = byNumber.get(n);
  if (!k) return { ok: false, reason: 'unknownNumber' };
  if (!acceptedNames(k).includes(comparable(name))) return { ok: false, reason: 'wrongName', expected: k.name };
  return { ok: true, kommune: k };
}
