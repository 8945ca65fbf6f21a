import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const openDataFeeds = ['session-series', 'scheduled-sessions'] as const;
export type OpenDataFeed = (typeof openDataFeeds)[number];

/**
 * The OpenActive RPDE feeds, kept as rows (docs/decisions/024-openactive-feeds.md): one per item with
 * the item as published, so a page is one index range read in (modified, id) order and a withdrawn or
 * past item stays as a tombstone. Written only by refreshOpenData, one runner at a time.
 */
export const openDataItem = pgTable(
  'open_data_item',
  {
    feed: text('feed', { enum: openDataFeeds }).notNull(),
    /** The RPDE id: the activity's id, or activity-date-time for a session. Compared in "C" collation. */
    id: text('id').notNull(),
    activityId: integer('activity_id').notNull(),
    /** Milliseconds since 1970, strictly increasing across every write (RPDE "modified"). */
    modified: bigint('modified', { mode: 'number' }).notNull(),
    state: text('state', { enum: ['updated', 'deleted'] }).notNull(),
    data: jsonb('data'),
    /** A hash of `data`, so a refresh that changes nothing writes nothing. */
    hash: text('hash'),
    /** A session's end: past it, the session becomes a tombstone. */
    endsAt: timestamp('ends_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.feed, t.id] }),
    index('open_data_item_page_idx').on(t.feed, t.modified, sql`${t.id} collate "C"`),
    index('open_data_item_activity_idx').on(t.activityId),
    index('open_data_item_ends_idx').on(t.endsAt).where(sql`${t.state} = 'updated'`),
  ],
);

/** Where the refresh stands: which changes it has taken in, how far its sweep has come, who runs it now. */
export const openDataRefresh = pgTable('open_data_refresh', {
  name: text('name').primaryKey(),
  changedSince: timestamp('changed_since', { withTimezone: true }),
  sweepAfterId: integer('sweep_after_id').notNull().default(0),
  leasedUntil: timestamp('leased_until', { withTimezone: true }),
});

export type OpenDataItem = typeof openDataItem.$inferSelect;
