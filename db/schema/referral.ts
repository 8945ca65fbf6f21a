import { relations, sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activity } from './activity';
import { area, kommune } from './kommune';
import { organisation } from './organisation';
import { signupRequest } from './signup';
import { equipmentLender, supportScheme } from './support';
import { user } from './user';

// The fritidsguide part (issue 5). Personal fields are encrypted (AES-256-GCM, crypto.server.ts) and are
// deleted — set to null, rows removed — by the retention purge; only `referral_statistic` stays.

export const referralStatuses = ['awaiting_consent', 'awaiting_guide', 'guide_assigned', 'started', 'closed'] as const;
export const referralNeeds = ['economy', 'equipment', 'transport', 'company', 'language', 'adaptation', 'information'] as const;
export const helpLevels = ['information', 'some', 'much'] as const;
export const referralOutcomes = ['active', 'tried', 'not_started', 'moved', 'declined'] as const;

/** A fritidsguide: a kommune employee or volunteer, with what matching needs to know. */
export const guide = pgTable('guide', {
  userId: uuid('user_id').primaryKey().references(() => user.id, { onDelete: 'cascade' }),
  kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
  volunteer: boolean('volunteer').notNull().default(false),
  gender: text('gender', { enum: ['female', 'male', 'other'] }),
  languages: text('languages').array().notNull(),
  areaIds: integer('area_ids').array().notNull(),
  interests: text('interests').array().notNull(),
  capacity: smallint('capacity').notNull().default(5),
  politiattestVerifiedAt: timestamp('politiattest_verified_at', { withTimezone: true }),
  confidentialitySignedAt: timestamp('confidentiality_signed_at', { withTimezone: true }),
  active: boolean('active').notNull().default(true),
});

export const referral = pgTable(
  'referral',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    /** Null when the family (or a young person of 15+) asked for a guide themselves. */
    referrerUserId: uuid('referrer_user_id').references(() => user.id, { onDelete: 'set null' }),
    childFirstName: text('child_first_name'),
    birthYear: smallint('birth_year'),
    areaId: integer('area_id').references(() => area.id),
    homeLanguages: text('home_languages').array().notNull().default([]),
    interests: text('interests').array().notNull().default([]),
    /** Weekdays that suit the family (1 = Monday), for recommending activities on those days. */
    weekdays: smallint('weekdays').array().notNull().default([]),
    /** Encrypted JSON list of needs (economy, equipment, …). */
    needs: text('needs'),
    helpLevel: text('help_level', { enum: helpLevels }).notNull().default('some'),
    guardianName: text('guardian_name'),
    guardianPhone: text('guardian_phone'),
    guardianEmail: text('guardian_email'),
    guardianLanguage: text('guardian_language').notNull().default('nb'),
    /** Wishes about the guide, e.g. `{ "gender": "female" }`. */
    wishes: jsonb('wishes').$type<{ gender?: 'female' | 'male' }>().notNull().default({}),
    notes: text('notes'),
    status: text('status', { enum: referralStatuses }).notNull().default('awaiting_consent'),
    outcome: text('outcome', { enum: referralOutcomes }),
    /** Hash of the guardian's link (consent page, what is held, who has seen it). */
    guardianTokenHash: text('guardian_token_hash'),
    guardianTokenExpiresAt: timestamp('guardian_token_expires_at', { withTimezone: true }),
    consentRemindedAt: timestamp('consent_reminded_at', { withTimezone: true }),
    /** A club the guide has asked the guardian, through the link, to let know the child's name. */
    pendingClubId: integer('pending_club_id').references(() => organisation.id),
    pendingClubActivityId: integer('pending_club_activity_id').references(() => activity.id, { onDelete: 'set null' }),
    pendingClubAskedAt: timestamp('pending_club_asked_at', { withTimezone: true }),
    /** The guardian's last answer through the link about a club, for the guide's page (kept here, not in the audit log, so it goes with the purge). */
    clubAnswer: text('club_answer', { enum: ['given', 'declined'] }),
    clubAnswerClubId: integer('club_answer_club_id').references(() => organisation.id),
    clubAnswerAt: timestamp('club_answer_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Personal data is deleted after this moment (closure + the kommune's retention, or at once). */
    purgeAfter: timestamp('purge_after', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [index('referral_kommune_status_idx').on(t.kommuneId, t.status), uniqueIndex('referral_guardian_token_idx').on(t.guardianTokenHash), index('referral_purge_idx').on(t.purgeAfter)],
);

/**
 * Later links to the guardian's page (a reminder, a question about a club). The first link's hash is on
 * the referral; every link stays valid, so a guardian who opens an older message still gets in.
 */
export const guardianLink = pgTable(
  'guardian_link',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id').notNull().references(() => referral.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** Only while the referral waits for consent, as for the first link. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guardian_link_token_idx').on(t.tokenHash), index('guardian_link_referral_idx').on(t.referralId)],
);

export const consentMethods = ['digital', 'paper', 'oral', 'own_request'] as const;

/** One answer from the guardian (or a young person of 15+): what was shown, to whom it allows sharing. */
export const consent = pgTable(
  'consent',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id').notNull().references(() => referral.id, { onDelete: 'cascade' }),
    givenBy: text('given_by', { enum: ['guardian', 'young_person'] }).notNull(),
    method: text('method', { enum: consentMethods }).notNull(),
    /** Recipients: 'guide', and 'club:<organisationId>' for each named club. */
    scope: text('scope').array().notNull(),
    textVersion: text('text_version').notNull(),
    language: text('language').notNull(),
    answer: text('answer', { enum: ['given', 'declined'] }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    recordedByUserId: uuid('recorded_by_user_id').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [index('consent_referral_idx').on(t.referralId)],
);

export const assignment = pgTable(
  'assignment',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id').notNull().references(() => referral.id, { onDelete: 'cascade' }),
    guideUserId: uuid('guide_user_id').notNull().references(() => user.id),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('assignment_referral_idx').on(t.referralId),
    index('assignment_guide_idx').on(t.guideUserId),
    // One guide at a time per child, even when two coordinators assign at once.
    uniqueIndex('assignment_active_idx').on(t.referralId).where(sql`ended_at is null`),
  ],
);

export const followUpKinds = ['first_contact', 'first_session', 'month_1', 'month_3', 'month_6'] as const;

export const followUp = pgTable(
  'follow_up',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id').notNull().references(() => referral.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: followUpKinds }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    outcome: text('outcome'),
    /** Encrypted note by the guide; never shown to the referrer. */
    note: text('note'),
    /** When the guide was reminded that this follow-up is due (one reminder each). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    index('follow_up_referral_idx').on(t.referralId),
    index('follow_up_due_idx').on(t.dueAt).where(sql`done_at is null`),
    // At most one open follow-up of each kind per child, even when two placements happen at once.
    uniqueIndex('follow_up_open_kind_idx').on(t.referralId, t.kind).where(sql`done_at is null`),
  ],
);

export const equipmentLoanStatuses = ['arranged', 'picked_up', 'returned'] as const;

/**
 * Equipment the guide has arranged for the child at a lender (BUA / utstyrssentral): what, where and
 * when to pick it up. Kommune side only; deleted with the referral's personal data.
 */
export const equipmentLoan = pgTable(
  'equipment_loan',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id').notNull().references(() => referral.id, { onDelete: 'cascade' }),
    lenderId: integer('lender_id').notNull().references(() => equipmentLender.id),
    activityId: integer('activity_id').references(() => activity.id, { onDelete: 'set null' }),
    items: text('items').array().notNull(),
    pickupOn: date('pickup_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: equipmentLoanStatuses }).notNull().default('arranged'),
    /** When the family was told where and when to pick it up (by SMS or e-mail, in their language). */
    familyToldAt: timestamp('family_told_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('equipment_loan_referral_idx').on(t.referralId)],
);

/** The kommune's side of a placement: which sign-up a guide sent. Never joined into anything a club sees. */
export const placement = pgTable('placement', {
  id: serial('id').primaryKey(),
  referralId: integer('referral_id').notNull().references(() => referral.id, { onDelete: 'cascade' }),
  signupRequestId: integer('signup_request_id').references(() => signupRequest.id, { onDelete: 'set null' }),
  activityId: integer('activity_id').notNull().references(() => activity.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Support granted to a child (a free place, a fee, equipment, a trip): kommune side only. */
export const supportGrant = pgTable(
  'support_grant',
  {
    id: serial('id').primaryKey(),
    referralId: integer('referral_id').references(() => referral.id, { onDelete: 'set null' }),
    schemeId: integer('scheme_id').notNull().references(() => supportScheme.id),
    organisationId: integer('organisation_id').notNull().references(() => organisation.id),
    activityId: integer('activity_id').references(() => activity.id),
    kind: text('kind', { enum: ['free_place', 'fee', 'equipment', 'trip'] }).notNull(),
    amountOre: integer('amount_ore').notNull(),
    period: text('period').notNull(),
    /** The Oslo day only, never the time: a time would join back to the sign-up the guide sent that minute. */
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('support_grant_org_period_idx').on(t.organisationId, t.period)],
);

/** What a club is paid per period: a total, never per child. */
export const settlement = pgTable(
  'settlement',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id').notNull().references(() => organisation.id),
    period: text('period').notNull(),
    totalOre: integer('total_ore').notNull(),
    /** Kommune side only: how many grants the total covers. Never shown to the club. */
    grantCount: integer('grant_count').notNull().default(0),
    /** When the club may see it: five grants or more, or the kommune closed the year. Null: not yet. */
    releasedAt: timestamp('released_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('settlement_org_period_idx').on(t.organisationId, t.period)],
);

/** A year the kommune has closed: its settlements are shown to the clubs whatever their size. */
export const settlementYearClose = pgTable(
  'settlement_year_close',
  {
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    year: smallint('year').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
    closedByUserId: uuid('closed_by_user_id').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('settlement_year_close_idx').on(t.kommuneId, t.year)],
);

/** What remains after the purge: counts per quarter, area and outcome, no person. */
export const referralStatistic = pgTable(
  'referral_statistic',
  {
    id: serial('id').primaryKey(),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    quarter: text('quarter').notNull(),
    /** 0 when the area was not known (a NULL would defeat the unique cell). */
    areaId: integer('area_id').notNull().default(0),
    outcome: text('outcome').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [uniqueIndex('referral_statistic_cell_idx').on(t.kommuneId, t.quarter, t.areaId, t.outcome)],
);

export const referralRelations = relations(referral, ({ many, one }) => ({
  consents: many(consent),
  assignments: many(assignment),
  followUps: many(followUp),
  kommune: one(kommune, { fields: [referral.kommuneId], references: [kommune.id] }),
}));

export type Guide = typeof guide.$inferSelect;
export type Referral = typeof referral.$inferSelect;
export type Consent = typeof consent.$inferSelect;
export type Assignment = typeof assignment.$inferSelect;
export type FollowUp = typeof followUp.$inferSelect;
export type EquipmentLoan = typeof equipmentLoan.$inferSelect;
