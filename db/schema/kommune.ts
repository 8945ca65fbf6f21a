import { relations } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const kommune = pgTable('kommune', {
  id: serial('id').primaryKey(),
  number: text('number').notNull().unique(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** Days after a referral closes before its personal data is deleted. */
  retentionDays: integer('retention_days').notNull().default(90),
  /** Who answers for the personal data (behandlingsansvarlig), as the guardian's consent page names it. */
  privacyController: text('privacy_controller'),
  /** The privacy officer (personvernombud): name, e-mail and phone, shown on the consent page. */
  privacyOfficerName: text('privacy_officer_name'),
  privacyOfficerEmail: text('privacy_officer_email'),
  privacyOfficerPhone: text('privacy_officer_phone'),
  /** Where families ask about leisure in the kommune (the fritid office), shown beside its support schemes. */
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  contactUrl: text('contact_url'),
});

export const areaKinds = ['bydel', 'grend', 'skolekrets', 'tettsted'] as const;

export const area = pgTable(
  'area',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: areaKinds }).notNull().default('tettsted'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
  },
  (t) => [uniqueIndex('area_kommune_slug_idx').on(t.kommuneId, t.slug), index('area_kommune_idx').on(t.kommuneId)],
);

export const kommuneRelations = relations(kommune, ({ many }) => ({ areas: many(area) }));
export const areaRelations = relations(area, ({ one }) => ({
  kommune: one(kommune, { fields: [area.kommuneId], references: [kommune.id] }),
}));

export type Kommune = typeof kommune.$inferSelect;
export type NewKommune = typeof kommune.$inferInsert;
export type Area = typeof area.$inferSelect;
export type NewArea = typeof area.$inferInsert;
