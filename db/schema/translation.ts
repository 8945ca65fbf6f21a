import { integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const translatableEntities = ['activity', 'organisation', 'support_scheme', 'equipment_lender', 'open_day'] as const;
export const translationSources = ['club', 'reviewed', 'machine'] as const;

/** A translation of one text field of one record; bokmål lives on the record itself. */
export const translation = pgTable(
  'translation',
  {
    id: serial('id').primaryKey(),
    entity: text('entity', { enum: translatableEntities }).notNull(),
    entityId: integer('entity_id').notNull(),
    field: text('field').notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
    source: text('source', { enum: translationSources }).notNull().default('club'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('translation_unique_idx').on(t.entity, t.entityId, t.language, t.field)],
);

export type Translation = typeof translation.$inferSelect;
export type NewTranslation = typeof translation.$inferInsert;
