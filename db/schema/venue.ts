import { relations } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { area, kommune } from './kommune';

export const venue = pgTable(
  'venue',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    areaId: integer('area_id').references(() => area.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    postcode: text('postcode').notNull(),
    place: text('place').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    stepFree: boolean('step_free').notNull().default(false),
    notes: text('notes'),
  },
  (t) => [index('venue_kommune_idx').on(t.kommuneId), index('venue_area_idx').on(t.areaId)],
);

export const venueRelations = relations(venue, ({ one }) => ({
  kommune: one(kommune, { fields: [venue.kommuneId], references: [kommune.id] }),
  area: one(area, { fields: [venue.areaId], references: [area.id] }),
}));

export type Venue = typeof venue.$inferSelect;
export type NewVenue = typeof venue.$inferInsert;
