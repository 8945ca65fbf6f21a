import { asc, eq } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { localise } from '../content.server';

/** Support schemes per kommune, in the reader's language where translated. */
export async function publicSchemes(language: string, kommuneSlug?: string) {
  const query = db()
    .select({ scheme: s.supportScheme, kommune: { name: s.kommune.name, slug: s.kommune.slug } })
    .from(s.supportScheme)
    .innerJoin(s.kommune, eq(s.kommune.id, s.supportScheme.kommuneId))
    .orderBy(asc(s.kommune.name), asc(s.supportScheme.name));
  const rows = kommuneSlug ? await query.where(eq(s.kommune.slug, kommuneSlug)) : await query;
  const localised = await localise('support_scheme', rows.map((r) => r.scheme), ['name', 'description', 'whoCanGet', 'howToApply'], language);
  return localised.map((sc, i) => ({
    id: sc.id,
    slug: sc.slug,
    kind: sc.kind,
    covers: sc.covers,
    maxAmountOre: sc.maxAmountOre,
    discreetViaGuide: sc.discreetViaGuide,
    url: sc.url,
    kommune: rows[i].kommune,
    texts: sc.texts,
  }));
}
