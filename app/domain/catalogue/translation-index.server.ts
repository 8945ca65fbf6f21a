import { and, eq, inArray } from 'drizzle-orm';
import { activitySearchText } from '../../../db/schema/search';
import { translation } from '../../../db/schema/translation';
import type { Executor } from '../../utils/transaction.server';
import { foldForSearch } from './fold';

/** The translated fields a family may search by; first-time information is read, not searched for. */
export const searchedTranslationFields = ['title', 'description', 'whatToBring'] as const;

/**
 * Rewrites the per-language search rows of some activities from their translations. Call it in the
 * transaction that writes the translations, so the index never lags behind what the page shows.
 */
export async function reindexActivityTranslations(tx: Executor, activityIds: number[]) {
  if (!activityIds.length) return;
  const rows = await tx
    .select({ activityId: translation.entityId, language: translation.language, field: translation.field, text: translation.text })
    .from(translation)
    .where(and(eq(translation.entity, 'activity'), inArray(translation.entityId, activityIds), inArray(translation.field, [...searchedTranslationFields])));
  const byKey = new Map<string, { activityId: number; language: string; title: string; body: string[] }>();
  for (const r of rows) {
    if (r.language === 'nb') continue;
    const key = `${r.activityId}:${r.language}`;
    const entry = byKey.get(key) ?? { activityId: r.activityId, language: r.language, title: '', body: [] };
    if (r.field === 'title') entry.title = r.text;
    else entry.body.push(r.text);
    byKey.set(key, entry);
  }
  await tx.delete(activitySearchText).where(inArray(activitySearchText.activityId, activityIds));
  const values = [...byKey.values()].map((e) => ({
    activityId: e.activityId,
    language: e.language,
    titleFolded: foldForSearch(e.title),
    bodyFolded: foldForSearch(e.body.join('\n')),
  }));
  for (let i = 0; i < values.length; i += 1000) await tx.insert(activitySearchText).values(values.slice(i, i + 1000));
}
