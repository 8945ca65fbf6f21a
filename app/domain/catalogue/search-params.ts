import type { adaptations, categories, leaderLanguages } from './taxonomy';

// The search's whole state lives in the address (DESIGN.md: "Addresses people share"); parsing is in
// search-params.server.ts, this file is what the browser needs too.
export const sortings = ['relevans', 'naer', 'pris', 'nylig'] as const;
export const PAGE_SIZE = 20;

export interface SearchParams {
  q?: string;
  alder?: number;
  kategori?: (typeof categories)[number][];
  kommune?: string;
  omrade?: string;
  dag?: number[];
  maks_pris?: number;
  gratis?: boolean;
  prove?: boolean;
  utlan?: boolean;
  stotte?: boolean;
  dropin?: boolean;
  nybegynner?: boolean;
  tilrettelagt?: (typeof adaptations)[number][];
  sprak?: (typeof leaderLanguages)[number];
  kjonn?: 'girls' | 'boys';
  /** Only activities taking new members; on unless `nye=0`, so `false` is the only value ever set. */
  nye?: boolean;
  sortering?: (typeof sortings)[number];
  side?: number;
  lat?: number;
  lon?: number;
}

const order: (keyof SearchParams)[] = ['q', 'alder', 'kategori', 'kommune', 'omrade', 'dag', 'maks_pris', 'gratis', 'prove', 'utlan', 'stotte', 'dropin', 'nybegynner', 'tilrettelagt', 'sprak', 'kjonn', 'nye', 'sortering', 'side', 'lat', 'lon'];

/** Back to a query string, in a stable order, leaving out what is empty (used by paging and "remove filter" links). */
export function toQueryString(params: SearchParams, extra: Record<string, string> = {}) {
  const sp = new URLSearchParams();
  for (const name of order) {
    const value = params[name];
    if (name === 'nye') {
      if (value === false) sp.set(name, '0');
      continue;
    }
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) value.forEach((v) => sp.append(name, String(v)));
    else sp.set(name, value === true ? '1' : String(value));
  }
  for (const [k, v] of Object.entries(extra)) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}
