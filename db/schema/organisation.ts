import { relations } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { kommune } from './kommune';

export const organisationKinds = ['club', 'kommune_service', 'kulturskole', 'fritidsklubb', 'volunteer'] as const;
export const organisationStatuses = ['pending', 'approved', 'rejected'] as const;

export const organisation = pgTable(
  'organisation',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** Norwegian organisation number (9 digits, MOD11), when the club has one. */
    orgnr: text('orgnr'),
    kind: text('kind', { enum: organisationKinds }).notNull().default('club'),
    description: text('description'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    website: text('website'),
    status: text('status', { enum: organisationStatuses }).notNull().default('pending'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisation_kommune_idx').on(t.kommuneId)],
);

export const organisationRelations = relations(organisation, ({ one }) => ({
  kommune: one(kommune, { fields: [organisation.kommuneId], references: [kommune.id] }),
}));

export type Organisation = typeof organisation.$inferSelect;
export type NewOrganisation = typeof organisation.$inferInsert;
