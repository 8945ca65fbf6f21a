import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../db/schema/index';
import type { translatableEntities, translationSources } from '../../db/schema/translation';
import { languages } from '../i18n';
import { db } from '../utils/db.server';
import type { Executor } from '../utils/transaction.server';

// What a club or a kommune writes in bokmål and translates itself, field by field (support schemes,
// open days): which languages miss which texts, a language's translations, and saving one language.
// Families read them through content.server.ts's localise().

type Entity = (typeof translatableEntities)[number];
type Source = (typeof translationSources)[number];

/** Every language of the portal but bokmål, which is the record itself. */
export const translationLanguages = languages.filter((l) => l !== 'nb');
export type TranslationLanguage = (typeof translationLanguages)[number];
export const translationLanguage = z.enum(translationLanguages as [TranslationLanguage, ...TranslationLanguage[]]);

/** A translated text: as long as its bokmål field may be; empty means "not translated". */
export const translatedText = (max: number) => z.string().trim().max(max, 'tooLong').default('');

/** For each language, which of `fields` (those filled in bokmål) have no translation yet. */
export async function missingTranslations<F extends string>(entity: Entity, id: number, fields: readonly F[]) {
  const done = await db()
    .select({ field: s.translation.field, language: s.translation.language })
    .from(s.translation)
    .where(and(eq(s.translation.entity, entity), eq(s.translation.entityId, id)));
  return translationLanguages.map((language) => ({ language, missing: fields.filter((f) => !done.some((d) => d.language === language && d.field === f)) }));
}

/** A language's translations of one record: field → text. */
export async function translationsIn(entity: Entity, id: number, language: string) {
  const rows = await db()
    .select({ field: s.translation.field, text: s.translation.text })
    .from(s.translation)
    .where(and(eq(s.translation.entity, entity), eq(s.translation.entityId, id), eq(s.translation.language, language)));
  return Object.fromEntries(rows.map((r) => [r.field, r.text])) as Record<string, string>;
}

/**
 * Writes one language's translations of a record inside the caller's transaction: an emptied field
 * removes its translation (readers then get the bokmål, marked as such). Returns the fields filled.
 */
export async function writeTranslations(tx: Executor, entity: Entity, id: number, language: string, texts: Record<string, string>, source: Source) {
  for (const [field, text] of Object.entries(texts)) {
    const where = and(eq(s.translation.entity, entity), eq(s.translation.entityId, id), eq(s.translation.language, language), eq(s.translation.field, field));
    if (!text) await tx.delete(s.translation).where(where);
    else
      await tx
        .insert(s.translation)
        .values({ entity, entityId: id, field, language, text, source })
        .onConflictDoUpdate({ target: [s.translation.entity, s.translation.entityId, s.translation.language, s.translation.field], set: { text, updatedAt: new Date() } });
  }
  return Object.entries(texts).filter(([, text]) => text).map(([field]) => field);
}

/** Removes every translation of a record that is being deleted (they have no foreign key to it). */
export async function deleteTranslations(tx: Executor, entity: Entity, id: number) {
  await tx.delete(s.translation).where(and(eq(s.translation.entity, entity), eq(s.translation.entityId, id)));
}
