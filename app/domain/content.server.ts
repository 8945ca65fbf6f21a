import { and, eq, inArray } from 'drizzle-orm';
import { translation } from '../../db/schema/translation';
import { db } from '../utils/db.server';

type Entity = (typeof translation.$inferSelect)['entity'];

/** A text written by a club, in the reader's language when there is a translation, else bokmål. */
export interface LocalText {
  text: string;
  /** The language the text is in: the reader's, or `nb` when it fell back. */
  lang: string;
  fallback: boolean;
}

/** Translations of some fields of some records, in one query: entityId → field → text. */
export async function loadTranslations(entity: Entity, ids: number[], language: string) {
  const map = new Map<number, Record<string, string>>();
  if (language === 'nb' || ids.length === 0) return map;
  const rows = await db()
    .select({ entityId: translation.entityId, field: translation.field, text: translation.text })
    .from(translation)
    .where(and(eq(translation.entity, entity), eq(translation.language, language), inArray(translation.entityId, ids)));
  for (const r of rows) map.set(r.entityId, { ...map.get(r.entityId), [r.field]: r.text });
  return map;
}

export function localText(original: string, translated: string | undefined, language: string): LocalText {
  if (language === 'nb') return { text: original, lang: 'nb', fallback: false };
  if (translated) return { text: translated, lang: language, fallback: false };
  return { text: original, lang: 'nb', fallback: true };
}

/** Localises the named fields of records that carry an `id`. */
export async function localise<T extends { id: number }, F extends keyof T & string>(entity: Entity, rows: T[], fields: F[], language: string) {
  const translations = await loadTranslations(entity, rows.map((r) => r.id), language);
  return rows.map((row) => {
    const t = translations.get(row.id) ?? {};
    const texts = Object.fromEntries(fields.map((f) => [f, localText(String(row[f] ?? ''), t[f], language)])) as Record<F, LocalText>;
    return { ...row, texts };
  });
}
