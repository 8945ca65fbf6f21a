import { relations } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, pgTable, serial, smallint, text, time, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { kommune } from './kommune';
import { venue } from './venue';

export const supportSchemeKinds = [
  'fritidsstipend',
  'fritidskort',
  'activity_fund',
  'equipment',
  'transport',
  'free_place',
  'club_fund',
] as const;

export const supportScheme = pgTable(
  'support_scheme',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: supportSchemeKinds }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    whoCanGet: text('who_can_get').notNull(),
    howToApply: text('how_to_apply').notNull(),
    /** Which cost kinds (activity_cost.kind) this scheme can cover. */
    covers: text('covers').array().notNull(),
    /** Most it pays per child per year, in øre; null when it covers the whole cost. */
    maxAmountOre: integer('max_amount_ore'),
    discreetViaGuide: boolean('discreet_via_guide').notNull().default(true),
    url: text('url'),
    /** First and last day the scheme is in force; null = open-ended on that side. */
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    /** When the kommune published it; null = a draft nobody outside the kommune sees. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('support_scheme_slug_idx').on(t.kommuneId, t.slug)],
);

export const equipmentLender = pgTable(
  'equipment_lender',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /**
     * What it lends as one line, items separated by commas. Derived: the kommune admin's editor writes
     * equipment_lender_item and this column is rewritten from those items on every save (joined with
     * ", "), so the readers that still use it (/utstyr, the guide's lender choice, its translations) keep
     * working until they read the items; nothing else writes it.
     */
    lends: text('lends').notNull(),
    url: text('url'),
    /** Where it is, when it is at one of the kommune's venues (its address is still the lender's own). */
    venueId: integer('venue_id').references(() => venue.id),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
  },
  (t) => [index('equipment_lender_kommune_idx').on(t.kommuneId)],
);

/** What a lender lends, one row per item in the kommune's order: offered to clubs as they name their equipment. */
export const equipmentLenderItem = pgTable(
  'equipment_lender_item',
  {
    id: serial('id').primaryKey(),
    lenderId: integer('lender_id').notNull().references(() => equipmentLender.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [index('equipment_lender_item_lender_idx').on(t.lenderId, t.position)],
);

/**
 * A lender's opening hours, one row per opening (a day can have two). Structured rather than free text,
 * so each reader gets weekday names and times in their own language.
 */
export const equipmentLenderHours = pgTable(
  'equipment_lender_hours',
  {
    id: serial('id').primaryKey(),
    lenderId: integer('lender_id').notNull().references(() => equipmentLender.id, { onDelete: 'cascade' }),
    /** ISO weekday, 1 = Monday (as activity_session.weekday). */
    weekday: smallint('weekday').notNull(),
    opensAt: time('opens_at').notNull(),
    closesAt: time('closes_at').notNull(),
  },
  (t) => [index('equipment_lender_hours_lender_idx').on(t.lenderId, t.weekday)],
);

export const supportSchemeRelations = relations(supportScheme, ({ one }) => ({
  kommune: one(kommune, { fields: [supportScheme.kommuneId], references: [kommune.id] }),
}));
export const equipmentLenderRelations = relations(equipmentLender, ({ one, many }) => ({
  kommune: one(kommune, { fields: [equipmentLender.kommuneId], references: [kommune.id] }),
  venue: one(venue, { fields: [equipmentLender.venueId], references: [venue.id] }),
  hours: many(equipmentLenderHours),
  items: many(equipmentLenderItem),
}));
export const equipmentLenderItemRelations = relations(equipmentLenderItem, ({ one }) => ({
  lender: one(equipmentLender, { fields: [equipmentLenderItem.lenderId], references: [equipmentLender.id] }),
}));
export const equipmentLenderHoursRelations = relations(equipmentLenderHours, ({ one }) => ({
  lender: one(equipmentLender, { fields: [equipmentLenderHours.lenderId], references: [equipmentLender.id] }),
}));

export type SupportScheme = typeof supportScheme.$inferSelect;
export type NewSupportScheme = typeof supportScheme.$inferInsert;
export type EquipmentLender = typeof equipmentLender.$inferSelect;
export type EquipmentLenderHours = typeof equipmentLenderHours.$inferSelect;
export type NewEquipmentLenderHours = typeof equipmentLenderHours.$inferInsert;
export type NewEquipmentLender = typeof equipmentLender.$inferInsert;
export type EquipmentLenderItem = typeof equipmentLenderItem.$inferSelect;
