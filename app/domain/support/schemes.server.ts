import { and, asc, eq, isNotNull, or, isNull, sql, type SQL } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { localise } from '../content.server';

/**
 * The one rule for which schemes families see (`/stotte`, the activity page's "this cost can be covered
 * by …", the club editor's choices): published, and today within its validity. The guide's grants and
 * past settlements read every scheme of the kommune, in force or not.
 */
export function schemeInForce(): SQL {
  const today = sql`(now() at time zone 'Europe/Oslo')::date`;
  return and(
    isNotNull(s.supportScheme.publishedAt),
    or(isNull(s.supportScheme.validFrom), sql`${s.supportScheme.validFrom} <= ${today}`),
    or(isNull(s.supportScheme.validTo), sql`${s.supportScheme.validTo} >= ${today}`),
  )!;
}

/** Support schemes per kommune, in the reader's language where translated. */
export async function publicSchemes(language: string, kommuneSlug?: string) {
  const query = db()
    .select({ scheme: s.supportScheme, kommune: { name: s.kommune.name, slug: s.kommune.slug } })
    .from(s.supportScheme)
    .innerJoin(s.kommune, eq(s.kommune.id, s.supportScheme.kommuneId))
    .orderBy(asc(s.kommune.name), asc(s.supportScheme.name));
  const rows = await query.where(kommuneSlug ? and(schemeInForce(), eq(s.kommune.slug, kommuneSlug)) : schemeInForce());
  return localisedSchemes(rows, language);
}

/** The scheme texts families read, in `language` where translated: /stotte and the kommune's preview. */
export const publicSchemeFields = ['name', 'description', 'whoCanGet', 'howToApply'] as const;

/** Schemes as /stotte shows them. The kommune's preview shows a draft through this too, so it looks the same. */
export async function localisedSchemes(rows: { scheme: typeof s.supportScheme.$inferSelect; kommune: { name: string; slug: string } }[], language: string) {
  const localised = await localise('support_scheme', rows.map((r) => r.scheme), [...publicSchemeFields], language);
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
