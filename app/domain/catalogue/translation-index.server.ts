import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import { activitySearchText } from '../../../db/schema/search';
import { translation } from '../../../db/schema/translation';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import { foldForSearch } from './fold';

/** The translated fields a family may search by, with every equipment item (`equipment:<item>`); first-time information is read, not searched for. */
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
    .where(and(eq(translation.entity, 'activity'), inArray(translation.entityId, activityIds), or(inArray(translation.field, [...searchedTranslationFields]), like(translation.field, 'equipment:%'))));
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

/**
 * Indexes the translations written before the per-language index existed (migration 0014 made the table,
 * but the folding is JavaScript, so SQL could not fill it). Run at start; it finds nothing to do once
 * done. Two servers starting at once take turns on an advisory lock instead of indexing twice.
 */
export async function indexUnindexedTranslations(batch = 500) {
  let done = 0;
  for (;;) {
    const ids = await inTransaction(undefined, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('activity_search_text backfill'))`);
      const rows = (await tx.execute(sql`
        select distinct t.entity_id as id from translation t
        where t.entity = 'activity' and t.language <> 'nb'
          and not exists (select 1 from activity_search_text x where x.activity_id = t.entity_id)
        order by t.entity_id limit ${batch}`)) as unknown;
      const list = (Array.isArray(rows) ? rows : (rows as { rows: { id: number }[] }).rows) as { id: number }[];
      const found = list.map((r) => Number(r.id));
      await reindexActivityTranslations(tx, found);
      return found;
    });
    done += ids.length;
    if (ids.length < batch) return done;
  }
}
