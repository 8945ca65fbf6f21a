import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tsvector } from './_types';
import { area, kommune } from './kommune';
import { organisation } from './organisation';
import { venue } from './venue';
import { equipmentLender, supportScheme } from './support';

export const activityStatuses = ['draft', 'pending', 'published', 'archived'] as const;
export const genders = ['all', 'girls', 'boys'] as const;
export const levels = ['beginner', 'all', 'experienced'] as const;
export const costKinds = ['membership', 'training_fee', 'licence', 'equipment', 'uniform', 'trips', 'dugnad', 'other'] as const;
export const costPeriods = ['year', 'semester', 'month', 'once'] as const;
export const equipmentSources = ['provided', 'lend', 'buy'] as const;

export const activity = pgTable(
  'activity',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    organisationId: integer('organisation_id').notNull().references(() => organisation.id),
    venueId: integer('venue_id').references(() => venue.id),
    // kommune and area are copied from the organisation and venue so that search filters hit one table.
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    areaId: integer('area_id').references(() => area.id),
    category: text('category').notNull(),
    /** The kind in the club's words ("bordtennis") when the category is 'annet'; shown instead of the category's name. */
    categoryOther: text('category_other'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    firstTimeInfo: text('first_time_info').notNull().default(''),
    whatToBring: text('what_to_bring').notNull().default(''),
    ageMin: smallint('age_min').notNull(),
    ageMax: smallint('age_max').notNull(),
    gender: text('gender', { enum: genders }).notNull().default('all'),
    level: text('level', { enum: levels }).notNull().default('all'),
    leaderLanguages: text('leader_languages').array().notNull().default(sql`'{}'::text[]`),
    adaptations: text('adaptations').array().notNull().default(sql`'{}'::text[]`),
    trialSession: boolean('trial_session').notNull().default(false),
    dropIn: boolean('drop_in').notNull().default(false),
    capacity: integer('capacity'),
    openForNew: boolean('open_for_new').notNull().default(true),
    /** When not open for new members: the club keeps a waiting list, so the page still takes requests. */
    waitingList: boolean('waiting_list').notNull().default(false),
    seasonStart: date('season_start'),
    seasonEnd: date('season_end'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    status: text('status', { enum: activityStatuses }).notNull().default('draft'),
    lastConfirmedAt: timestamp('last_confirmed_at', { withTimezone: true }),
    /** After this moment an unconfirmed listing leaves the public search. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** When the club was last reminded to confirm before `expires_at`. */
    expiryRemindedAt: timestamp('expiry_reminded_at', { withTimezone: true }),
    /** Why the kommune rejected it (moderation), shown to the club. */
    moderationNote: text('moderation_note'),
    // Derived from the cost and equipment rows at write time (domain/catalogue), so search can filter
    // and sort on them with an index instead of aggregating child tables per query.
    totalCostPerYearOre: integer('total_cost_per_year_ore').notNull().default(0),
    hasLendableEquipment: boolean('has_lendable_equipment').notNull().default(false),
    hasSupport: boolean('has_support').notNull().default(false),
    freePlaces: integer('free_places').notNull().default(0),
    /** Category label and organisation name in bokmål, maintained by the domain, searched with the title. */
    searchKeywords: text('search_keywords').notNull().default(''),
    /** Title and keywords folded to plain a–z (see foldForSearch), for typo-tolerant trigram search. */
    searchFolded: text('search_folded').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('norwegian', coalesce(title, '')), 'A') || setweight(to_tsvector('norwegian', coalesce(search_keywords, '')), 'B') || setweight(to_tsvector('norwegian', coalesce(description, '')), 'C')`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activity_slug_idx').on(t.slug),
    index('activity_search_idx').using('gin', t.search),
    index('activity_trgm_idx').using('gin', sql`${t.searchFolded} gin_trgm_ops`),
    index('activity_public_idx').on(t.status, t.kommuneId, t.category),
    index('activity_category_idx').on(t.category, t.ageMin),
    index('activity_age_idx').on(t.ageMin, t.ageMax),
    index('activity_area_idx').on(t.areaId),
    // The HSDS locations list and a venue's activities (issue 14).
    index('activity_venue_idx').on(t.venueId),
    // Browsing reads its page in these orders straight from the index (search.server.ts, issue 13).
    index('activity_cost_idx').on(t.totalCostPerYearOre.asc(), t.id.asc()).where(sql`${t.status} = 'published'`),
    index('activity_confirmed_idx').on(t.lastConfirmedAt.desc().nullsLast(), t.id.asc()).where(sql`${t.status} = 'published'`),
    index('activity_org_idx').on(t.organisationId),
    index('activity_languages_idx').using('gin', t.leaderLanguages),
    index('activity_adaptations_idx').using('gin', t.adaptations),
    check('activity_category_other_check', sql`${t.category} <> 'annet' or coalesce(${t.categoryOther}, '') <> ''`),
  ],
);

export const activitySession = pgTable(
  'activity_session',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id').notNull().references(() => activity.id, { onDelete: 'cascade' }),
    /** ISO weekday, 1 = Monday. Null for a dated row. */
    weekday: smallint('weekday'),
    /** A dated row: an extra session, or with `cancelled` a day without one (holidays, breaks). */
    date: date('date'),
    cancelled: boolean('cancelled').notNull().default(false),
    startTime: time('start_time'),
    endTime: time('end_time'),
  },
  (t) => [index('activity_session_activity_idx').on(t.activityId), index('activity_session_weekday_idx').on(t.weekday)],
);

export const activityCost = pgTable(
  'activity_cost',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id').notNull().references(() => activity.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: costKinds }).notNull(),
    amountOre: integer('amount_ore').notNull().default(0),
    period: text('period', { enum: costPeriods }).notNull().default('year'),
    optional: boolean('optional').notNull().default(false),
    /** Dugnad is paid in hours, not money. */
    hours: integer('hours'),
    note: text('note'),
  },
  (t) => [index('activity_cost_activity_idx').on(t.activityId)],
);

export const activityEquipment = pgTable(
  'activity_equipment',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id').notNull().references(() => activity.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    required: boolean('required').notNull().default(true),
    source: text('source', { enum: equipmentSources }).notNull(),
    lenderId: integer('lender_id').references(() => equipmentLender.id),
    typicalPriceOre: integer('typical_price_ore'),
  },
  (t) => [index('activity_equipment_activity_idx').on(t.activityId), index('activity_equipment_lender_idx').on(t.lenderId).where(sql`${t.lenderId} is not null`)],
);

export const activitySupport = pgTable(
  'activity_support',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id').notNull().references(() => activity.id, { onDelete: 'cascade' }),
    schemeId: integer('scheme_id').notNull().references(() => supportScheme.id),
    freePlacesPerSeason: integer('free_places_per_season').notNull().default(0),
  },
  (t) => [uniqueIndex('activity_support_unique_idx').on(t.activityId, t.schemeId), index('activity_support_scheme_idx').on(t.schemeId)],
);

/** An open day anyone may drop in on, or a trial session to come and try the activity once. */
export const openDayKinds = ['open_day', 'trial'] as const;

export const openDay = pgTable(
  'open_day',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: openDayKinds }).notNull().default('open_day'),
    kommuneId: integer('kommune_id').notNull().references(() => kommune.id),
    organisationId: integer('organisation_id').notNull().references(() => organisation.id),
    activityId: integer('activity_id').references(() => activity.id, { onDelete: 'cascade' }),
    venueId: integer('venue_id').references(() => venue.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('open_day_starts_idx').on(t.startsAt), index('open_day_kommune_idx').on(t.kommuneId)],
);

export const activityRelations = relations(activity, ({ one, many }) => ({
  organisation: one(organisation, { fields: [activity.organisationId], references: [organisation.id] }),
  venue: one(venue, { fields: [activity.venueId], references: [venue.id] }),
  kommune: one(kommune, { fields: [activity.kommuneId], references: [kommune.id] }),
  area: one(area, { fields: [activity.areaId], references: [area.id] }),
  sessions: many(activitySession),
  costs: many(activityCost),
  equipment: many(activityEquipment),
  support: many(activitySupport),
}));
export const activitySessionRelations = relations(activitySession, ({ one }) => ({
  activity: one(activity, { fields: [activitySession.activityId], references: [activity.id] }),
}));
export const activityCostRelations = relations(activityCost, ({ one }) => ({
  activity: one(activity, { fields: [activityCost.activityId], references: [activity.id] }),
}));
export const activityEquipmentRelations = relations(activityEquipment, ({ one }) => ({
  activity: one(activity, { fields: [activityEquipment.activityId], references: [activity.id] }),
  lender: one(equipmentLender, { fields: [activityEquipment.lenderId], references: [equipmentLender.id] }),
}));
export const activitySupportRelations = relations(activitySupport, ({ one }) => ({
  activity: one(activity, { fields: [activitySupport.activityId], references: [activity.id] }),
  scheme: one(supportScheme, { fields: [activitySupport.schemeId], references: [supportScheme.id] }),
}));
export const openDayRelations = relations(openDay, ({ one }) => ({
  organisation: one(organisation, { fields: [openDay.organisationId], references: [organisation.id] }),
  activity: one(activity, { fields: [openDay.activityId], references: [activity.id] }),
  venue: one(venue, { fields: [openDay.venueId], references: [venue.id] }),
}));

export type Activity = typeof activity.$inferSelect;
export type NewActivity = typeof activity.$inferInsert;
export type ActivitySession = typeof activitySession.$inferSelect;
export type NewActivitySession = typeof activitySession.$inferInsert;
export type ActivityCost = typeof activityCost.$inferSelect;
export type NewActivityCost = typeof activityCost.$inferInsert;
export type ActivityEquipment = typeof activityEquipment.$inferSelect;
export type NewActivityEquipment = typeof activityEquipment.$inferInsert;
export type ActivitySupport = typeof activitySupport.$inferSelect;
export type OpenDay = typeof openDay.$inferSelect;
export type NewOpenDay = typeof openDay.$inferInsert;
