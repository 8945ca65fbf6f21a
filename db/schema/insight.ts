import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { kommune } from './kommune';
import { user } from './user';

// The kommune dashboard of the Fritidserklæringen (issue 14, part 6; docs/decisions/027). Nothing here
// names a person: searches are counted without IP, user, cookie or session, and what a referral leaves
// for the dashboard after the purge is counts per cell.

/**
 * Searches per day, kommune chosen in the search (0: none), page language and filter kind ('all' is
 * every search; one more row per filter used). Written additively by every app server's flush.
 */
export const searchCountDaily = pgTable(
  'search_count_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kommuneId: integer('kommune_id').notNull().default(0),
    language: text('language').notNull(),
    filterKind: text('filter_kind').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'search_count_daily_pk', columns: [t.day, t.kommuneId, t.language, t.filterKind] })],
);

/** Normalised query texts per day; shown only when a period's count reaches five, purged after 90 days. */
export const searchQueryDaily = pgTable(
  'search_query_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kommuneId: integer('kommune_id').notNull().default(0),
    query: text('query').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'search_query_daily_pk', columns: [t.day, t.kommuneId, t.query] }), index('search_query_daily_day_idx').on(t.day)],
);

/** What a purged referral leaves for the dashboard: +1 in a cell per measure ('referred', 'wait_days', 'outcome_3m', 'outcome_6m'). */
export const insightReferralCell = pgTable(
  'insight_referral_cell',
  {
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    /** The quarter the referral was made in (2026-Q1). */
    quarter: text('quarter').notNull(),
    /** 0 when the area was not known. */
    areaId: integer('area_id').notNull().default(0),
    measure: text('measure', { enum: ['referred', 'wait_days', 'outcome_3m', 'outcome_6m'] }).notNull(),
    /** Days for wait_days, the outcome for outcome_*, '' for referred. */
    value: text('value').notNull().default(''),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'insight_referral_cell_pk', columns: [t.kommuneId, t.quarter, t.areaId, t.measure, t.value] })],
);

export const insightIndicators = ['support_schemes', 'adapted', 'overview', 'equipment', 'guide_scheme'] as const;
export const insightAnswers = ['yes', 'partly', 'no'] as const;

/** The kommune admin's own answer to an ALLEMED indicator. */
export const insightAnswer = pgTable(
  'insight_answer',
  {
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    indicator: text('indicator', { enum: insightIndicators }).notNull(),
    answer: text('answer', { enum: insightAnswers }).notNull(),
    note: text('note'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
    answeredByUserId: uuid('answered_by_user_id').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ name: 'insight_answer_pk', columns: [t.kommuneId, t.indicator] })],
);

export type InsightAnswer = typeof insightAnswer.$inferSelect;
