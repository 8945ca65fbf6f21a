import { relations } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
