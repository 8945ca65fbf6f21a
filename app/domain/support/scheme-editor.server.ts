import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { costKinds } from '../../../db/schema/activity';
import { supportSchemeKinds } from '../../../db/schema/support';
import { slugify } from '../../../db/random';
import { db } from '../../utils/db.server';
import { inTransaction } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { parseDecimal } from '../catalogue/decimal';
import { missingTranslations, translatedText, translationLanguage, translationLanguages, translationsIn, writeTranslations } from '../translations.server';
import { localisedSchemes, publicSchemeFields } from './schemes.server';

export { costKinds, supportSchemeKinds };

// The kommune admin keeps its own support schemes (issue 12, part 2b): a draft until published; what
// families see is decided by schemeInForce() in schemes.server.ts.

/** The scheme's texts a translator writes (as the translation table names them): the ones families read. */
export const schemeTextFields = publicSchemeFields;

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');
const isoDate = z
  .string()
  .trim()
  .pipe(z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'date')]))
  .transform((v) => v || null);

export const schemeInput = z
  .object({
    name: text(120),
    kind: z.enum(supportSchemeKinds, 'support:schemeEditor.errors.kind'),
    covers: z.array(z.enum(costKinds, 'invalid')).min(1, 'support:schemeEditor.errors.covers'),
    maxAmount: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (!v) return null;
        const n = parseDecimal(v);
        if (n === null || n < 0 || n > 1_000_000) {
          ctx.addIssue({ code: 'custom', message: 'support:schemeEditor.errors.amount' });
          return z.NEVER;
        }
        return Math.round(n * 100);
      }),
    whoCanGet: text(2000),
    howToApply: text(2000),
    description: text(4000),
    url: z
      .string()
      .trim()
      .pipe(z.union([z.literal(''), z.url({ protocol: /^https$/, message: 'support:schemeEditor.errors.url' }).max(500, 'tooLong')]))
      .transform((v) => v || null),
    discreetViaGuide: z.string().optional().transform((v) => v === 'on'),
    validFrom: isoDate,
    validTo: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.validFrom && v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'support:schemeEditor.errors.validOrder' });
  });
export type SchemeInput = z.infer<typeof schemeInput>;

/** The form's values as zod wants them: checkboxes arrive as repeated fields. */
export function schemeFormValues(form: FormData) {
  const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === 'string' && k !== 'covers')) as Record<string, string | string[]>;
  values.covers = form.getAll('covers').filter((v): v is string => typeof v === 'string');
  return values;
}

/** Which of the ten other languages lack a translation of at least one text the scheme has. */
export async function missingLanguages(schemeIds: number[]) {
  const out = new Map<number, string[]>();
  if (!schemeIds.length) return out;
  const rows = await db()
    .select({ entityId: s.translation.entityId, language: s.translation.language, n: count() })
    .from(s.translation)
    .where(and(eq(s.translation.entity, 'support_scheme'), inArray(s.translation.entityId, schemeIds), inArray(s.translation.field, [...schemeTextFields])))
    .groupBy(s.translation.entityId, s.translation.language);
  for (const id of schemeIds) {
    const complete = new Set(rows.filter((r) => r.entityId === id && r.n >= schemeTextFields.length).map((r) => r.language));
    out.set(id, translationLanguages.filter((l) => !complete.has(l)));
  }
  return out;
}

/** The kommune's schemes for its admin: drafts and published, in force or not. */
export async function kommuneSchemes(kommuneId: number) {
  const rows = await db().select().from(s.supportScheme).where(eq(s.supportScheme.kommuneId, kommuneId)).orderBy(asc(s.supportScheme.name));
  const missing = await missingLanguages(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, missing: missing.get(r.id) ?? [] }));
}

export async function kommuneScheme(kommuneId: number, id: number) {
  const [row] = await db().select().from(s.supportScheme).where(and(eq(s.supportScheme.id, id), eq(s.supportScheme.kommuneId, kommuneId)));
  return row ?? null;
}

/** How many activities list the scheme (the unpublish question says so). */
export async function linkedActivities(schemeId: number) {
  const [row] = await db().select({ n: count() }).from(s.activitySupport).where(eq(s.activitySupport.schemeId, schemeId));
  return row?.n ?? 0;
}

function columns(input: SchemeInput) {
  return {
    name: input.name, kind: input.kind, covers: input.covers, maxAmountOre: input.maxAmount, whoCanGet: input.whoCanGet, howToApply: input.howToApply,
    description: input.description, url: input.url, discreetViaGuide: input.discreetViaGuide, validFrom: input.validFrom, validTo: input.validTo,
  };
}

/** A new scheme, as a draft. The audit names the fields, never their text. */
export async function createScheme(kommuneId: number, input: SchemeInput, actorUserId: string) {
  return inTransaction(undefined, async (tx) => {
    const base = slugify(input.name) || 'ordning';
    const taken = new Set((await tx.select({ slug: s.supportScheme.slug }).from(s.supportScheme).where(eq(s.supportScheme.kommuneId, kommuneId))).map((r) => r.slug));
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    const [row] = await tx.insert(s.supportScheme).values({ kommuneId, slug, ...columns(input), publishedAt: null }).returning({ id: s.supportScheme.id });
    await audit({ actorUserId, action: 'support_scheme.created', entity: 'support_scheme', entityId: String(row.id), detail: { kommuneId, kind: input.kind } }, tx);
    return { ok: true as const, id: row.id };
  });
}

export async function updateScheme(kommuneId: number, id: number, input: SchemeInput, actorUserId: string) {
  return inTransaction(undefined, async (tx) => {
    const updated = await tx.update(s.supportScheme).set(columns(input)).where(and(eq(s.supportScheme.id, id), eq(s.supportScheme.kommuneId, kommuneId))).returning({ id: s.supportScheme.id });
    if (!updated.length) return { ok: false as const, reason: 'notFound' as const };
    await audit({ actorUserId, action: 'support_scheme.updated', entity: 'support_scheme', entityId: String(id), detail: { kommuneId, kind: input.kind } }, tx);
    return { ok: true as const, id };
  });
}

/** Publish (families see it from the next request, within its validity) or unpublish (back to a draft). */
export async function setSchemePublished(kommuneId: number, id: number, published: boolean, actorUserId: string) {
  return inTransaction(undefined, async (tx) => {
    const updated = await tx
      .update(s.supportScheme)
      .set({ publishedAt: published ? new Date() : null })
      .where(and(eq(s.supportScheme.id, id), eq(s.supportScheme.kommuneId, kommuneId)))
      .returning({ id: s.supportScheme.id });
    if (!updated.length) return { ok: false as const, reason: 'notFound' as const };
    await audit({ actorUserId, action: published ? 'support_scheme.published' : 'support_scheme.unpublished', entity: 'support_scheme', entityId: String(id), detail: { kommuneId } }, tx);
    return { ok: true as const };
  });
}

/** The languages a scheme is translated into: every language of the portal but bokmål, which is the record itself. */
export const schemeTranslationLanguages = translationLanguages;

export const schemeTranslationInput = z.object({
  language: translationLanguage,
  // The same bounds as the bokmål fields.
  name: translatedText(120),
  description: translatedText(4000),
  whoCanGet: translatedText(2000),
  howToApply: translatedText(2000),
});
export type SchemeTranslationInput = z.infer<typeof schemeTranslationInput>;

/** The scheme's texts in bokmål, and for each language which of them have no translation yet. */
export async function schemeTranslationOverview(kommuneId: number, id: number) {
  const scheme = await kommuneScheme(kommuneId, id);
  if (!scheme) return null;
  return {
    scheme,
    texts: schemeTextFields.map((field) => ({ field, original: scheme[field] })),
    languages: await missingTranslations('support_scheme', id, schemeTextFields),
  };
}

/** A language's translations of the scheme: field → text. */
export const schemeTranslationsOf = (id: number, language: string) => translationsIn('support_scheme', id, language);

/**
 * Saves one language's translations of the scheme, all or nothing; an emptied field removes its
 * translation (families then read the bokmål, marked as such). Families see the change at once.
 */
export async function saveSchemeTranslations(kommuneId: number, id: number, input: SchemeTranslationInput, actorUserId: string) {
  return inTransaction(undefined, async (tx) => {
    const [scheme] = await tx.select({ id: s.supportScheme.id }).from(s.supportScheme).where(and(eq(s.supportScheme.id, id), eq(s.supportScheme.kommuneId, kommuneId)));
    if (!scheme) return false;
    const texts = Object.fromEntries(schemeTextFields.map((f) => [f, input[f]]));
    const filled = await writeTranslations(tx, 'support_scheme', id, input.language, texts, 'reviewed');
    await audit({ actorUserId, action: 'support_scheme.translated', entity: 'support_scheme', entityId: String(id), detail: { kommuneId, language: input.language, filled } }, tx);
    return true;
  });
}

/** The scheme as families would read it in `language`, draft or not: the kommune's preview. */
export async function previewScheme(kommuneId: number, id: number, language: string) {
  const rows = await db()
    .select({ scheme: s.supportScheme, kommune: { name: s.kommune.name, slug: s.kommune.slug } })
    .from(s.supportScheme)
    .innerJoin(s.kommune, eq(s.kommune.id, s.supportScheme.kommuneId))
    .where(and(eq(s.supportScheme.id, id), eq(s.supportScheme.kommuneId, kommuneId)));
  if (!rows.length) return null;
  const [scheme] = await localisedSchemes(rows, language);
  return { ...scheme, publishedAt: rows[0].scheme.publishedAt, validFrom: rows[0].scheme.validFrom, validTo: rows[0].scheme.validTo };
}
