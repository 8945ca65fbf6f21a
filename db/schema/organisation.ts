import { relations } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { kommune } from './kommune';

export const organisationKinds = ['club', 'kommune_service', 'kulturskole', 'fritidsklubb', 'volunteer'] as const;
export const organisationStatuses = ['pending', 'approved', 'rejected'] as const;
/** What Enhetsregisteret last said about the organisation number (app/domain/club/register.server.ts). */
export const registerStatuses = ['active', 'deleted', 'bankrupt', 'dissolving', 'not_found', 'unchecked'] as const;

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
    registerStatus: text('register_status', { enum: registerStatuses }).notNull().default('unchecked'),
    registerCheckedAt: timestamp('register_checked_at', { withTimezone: true }),
    registerName: text('register_name'),
    registerAddress: text('register_address'),
    /** Registered in Frivillighetsregisteret, as Enhetsregisteret said; null when never checked. */
    voluntaryRegistered: boolean('voluntary_registered'),
    /** When the recheck job last flagged a deleted, bankrupt or dissolving unit (cleared when active again). */
    registerFlaggedAt: timestamp('register_flagged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisation_kommune_idx').on(t.kommuneId)],
);

/** The update feed's cursor: one row, the last `oppdateringsid` the recheck job has handled. */
export const registerFeedCursor = pgTable('register_feed_cursor', {
  id: integer('id').primaryKey().default(1),
  lastUpdateId: integer('last_update_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the last recheck finished: the next one is due BRREG_RECHECK_EVERY_MS later, whatever restarts in between. */
  checkedAt: timestamp('checked_at', { withTimezone: true }),
  /** A server running the recheck holds it until then (no transaction is kept open over the register's HTTP calls). */
  leasedUntil: timestamp('leased_until', { withTimezone: true }),
});

export const organisationRelations = relations(organisation, ({ one }) => ({
  kommune: one(kommune, { fields: [organisation.kommuneId], references: [kommune.id] }),
}));

export type Organisation = typeof organisation.$inferSelect;
export type NewOrganisation = typeof organisation.$inferInsert;
