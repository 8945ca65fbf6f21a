import { relations } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { activity } from './activity';

export const signupStatuses = ['new', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/**
 * A family's sign-up or interest request, and the channel a fritidsguide uses to place a child: nothing
 * here tells the club which it is (the guide's side is kept in the referral tables, never joined here).
 * Names and contacts are encrypted; the row is deleted after the season (`delete_after`).
 */
export const signupRequest = pgTable(
  'signup_request',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id').notNull().references(() => activity.id, { onDelete: 'cascade' }),
    participantFirstName: text('participant_first_name').notNull(),
    birthYear: smallint('birth_year').notNull(),
    guardianName: text('guardian_name').notNull(),
    guardianEmail: text('guardian_email'),
    guardianPhone: text('guardian_phone'),
    language: text('language').notNull(),
    message: text('message'),
    status: text('status', { enum: signupStatuses }).notNull().default('new'),
    /** The club's answer to the family, sent in the family's language with the status. */
    replyMessage: text('reply_message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    deleteAfter: date('delete_after').notNull(),
    /** Hash of the token in the family's first link (the receipt) to see the answer or withdraw; never replaced. */
    accessTokenHash: text('access_token_hash').notNull(),
  },
  (t) => [
    index('signup_request_activity_idx').on(t.activityId, t.createdAt),
    index('signup_request_delete_idx').on(t.deleteAfter),
    uniqueIndex('signup_request_token_idx').on(t.accessTokenHash),
  ],
);

/**
 * Later links to the same sign-up (one per answer from the club). Tokens are stored only as hashes, so
 * a new message needs a new token; every earlier link keeps working until the sign-up is deleted.
 */
export const signupLink = pgTable(
  'signup_link',
  {
    id: serial('id').primaryKey(),
    signupId: integer('signup_id').notNull().references(() => signupRequest.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('signup_link_token_idx').on(t.tokenHash), index('signup_link_signup_idx').on(t.signupId)],
);

export const signupRequestRelations = relations(signupRequest, ({ one, many }) => ({
  activity: one(activity, { fields: [signupRequest.activityId], references: [activity.id] }),
  links: many(signupLink),
}));
export const signupLinkRelations = relations(signupLink, ({ one }) => ({
  signup: one(signupRequest, { fields: [signupLink.signupId], references: [signupRequest.id] }),
}));

export type SignupRequest = typeof signupRequest.$inferSelect;
export type NewSignupRequest = typeof signupRequest.$inferInsert;
