import { z } from 'zod';
import { adaptations, categories, leaderLanguages } from './taxonomy';
import { sortings, type SearchParams } from './search-params';

// Each parameter is parsed on its own: a bad value is dropped and reported, the rest of the search
// still works. (Kept on the server so zod stays out of the browser bundle.)
const flag = z.enum(['1', 'true', 'on']).transform(() => true);
const fields: Record<keyof SearchParams, z.ZodType> = {
  q: z.string().trim().max(100),
  alder: z.coerce.number().int().min(0).max(25),
  kategori: z.array(z.enum(categories)),
  kommune: z.string().regex(/^[a-z0-9-]{2,40}$/),
  omrade: z.string().regex(/^[a-z0-9-]{2,40}$/),
  dag: z.array(z.coerce.number().int().min(1).max(7)),
  maks_pris: z.coerce.number().int().min(0).max(1_000_000),
  gratis: flag,
  prove: flag,
  utlan: flag,
  stotte: flag,
  dropin: flag,
  nybegynner: flag,
  tilrettelagt: z.array(z.enum(adaptations)),
  sprak: z.enum(leaderLanguages),
  kjonn: z.enum(['girls', 'boys']),
  // The form sends a hidden nye=0 and, while the box is ticked, nye=1 after it: ticked wins.
  nye: z.array(z.enum(['0', '1'])).transform((v) => (v.includes('1') ? undefined : false)),
  sortering: z.enum(sortings),
  side: z.coerce.number().int().min(1).max(10_000),
  lat: z.coerce.number().min(57).max(72),
  lon: z.coerce.number().min(4).max(32),
};
const multi = new Set(['kategori', 'dag', 'tilrettelagt', 'nye']);

export function parseSearchParams(params: URLSearchParams): { params: SearchParams; invalid: string[] } {
  const out: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [name, schema] of Object.entries(fields)) {
    const raw = multi.has(name) ? params.getAll(name).filter((v) => v !== '') : params.get(name);
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      if (parsed.data !== undefined) out[name] = parsed.data;
    }
    else invalid.push(name);
  }
  if (out.q === '') delete out.q;
  return { params: out as SearchParams, invalid };
}
