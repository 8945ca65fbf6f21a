import { relations } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { kommune } from './kommune';
import { organisation } from './organisation';
import { user } from './user';

export const kommuneRoles = ['kommune_admin', 'coordinator', 'referrer', 'guide'] as const;
export const organisationRoles = ['club_admin', 'club_editor'] as const;
export type KommuneRole = (typeof kommuneRoles)[number];
export type OrganisationRole = (typeof organisationRoles)[number];

/** Staff of a kommune (or its frivilligsentral): admins, coordinators, referrers and guides. */
export const kommuneMember = pgTable(
  'kommune_member',
  {
    userId: uuid('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    role: text('role', { enum: kommuneRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kommuneId, t.role] }), index('kommune_member_kommune_idx').on(t.kommuneId)],
);

export const organisationMember = pgTable(
  'organisation_member',
  {
    userId: uuid('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id').notNull().references(() => organisation.id),
    role: text('role', { enum: organisationRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index('organisation_member_org_idx').on(t.organisationId)],
);

export const kommuneMemberRelations = relations(kommuneMember, ({ one }) => ({
  user: one(user, { fields: [kommuneMember.userId], references: [user.id] }),
  kommune: one(kommune, { fields: [kommuneMember.kommuneId], references: [kommune.id] }),
}));
export const organisationMemberRelations = relations(organisationMember, ({ one }) => ({
  user: one(user, { fields: [organisationMember.userId], references: [user.id] }),
  organisation: one(organisation, { fields: [organisationMember.organisationId], references: [organisation.id] }),
}));

export type KommuneMember = typeof kommuneMember.$inferSelect;
export type OrganisationMember = typeof organisationMember.$inferSelect;

/**
 * A report about an accessibility problem from the statement's form (/tilgjengelighet), for the admins of
 * the kommune it names. What the reporter wrote (the page, the text, a reply address) may be personal
 * data: it is stored encrypted and read on the kommune's own page, and the e-mail to the admins only
 * says that a report has come (DESIGN: no personal data in e-mails).
 */
export const accessibilityReport = pgTable(
  'accessibility_report',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id')
      .notNull()
      .references(() => kommune.id, { onDelete: 'cascade' }),
    /** Encrypted. */
    page: text('page').notNull(),
    /** Encrypted. */
    message: text('message').notNull(),
    /** Encrypted; null when the reporter gave no address. */
    replyTo: text('reply_to'),
    /** The language of the page the report was sent from. */
    language: text('language').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handledByUserId: uuid('handled_by_user_id').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [index('accessibility_report_kommune_idx').on(t.kommuneId, t.createdAt)],
);
