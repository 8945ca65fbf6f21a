import { relations } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, pgTable, serial, smallint, text, time, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { kommune } from './kommune';

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
    lends: text('lends').notNull(),
    url: text('url'),
  },
  (t) => [index('equipment_lender_kommune_idx').on(t.kommuneId)],
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
  hours: many(equipmentLenderHours),
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
