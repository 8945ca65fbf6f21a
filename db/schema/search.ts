import { relations, sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tsvector } from './_types';
import { activity } from './activity';

/**
 * The search index of a club's translations: one row per activity and language, rewritten in the same
 * transaction as the translations (domain/catalogue/translation-index.server.ts). Texts are folded with
 * foldForSearch before they are stored, so the query (folded the same way) meets them in any script;
 * the `simple` configuration because PostgreSQL has no stemmer for most of these languages.
 * Bokmål is not here: it is the activity's own `search` column.
 */
export const activitySearchText = pgTable(
  'activity_search_text',
  {
    activityId: integer('activity_id').notNull().references(() => activity.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    titleFolded: text('title_folded').notNull().default(''),
    /** Description and what to bring, folded. */
    bodyFolded: text('body_folded').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', title_folded), 'A') || setweight(to_tsvector('simple', body_folded), 'C')`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.language] }),
    index('activity_search_text_search_idx').using('gin', t.search),
    index('activity_search_text_trgm_idx').using('gin', sql`${t.titleFolded} gin_trgm_ops`),
  ],
);

export const activitySearchTextRelations = relations(activitySearchText, ({ one }) => ({
  activity: one(activity, { fields: [activitySearchText.activityId], references: [activity.id] }),
}));

export type ActivitySearchText = typeof activitySearchText.$inferSelect;
