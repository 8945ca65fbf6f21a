import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const publicCountKinds = ['category', 'scheme', 'lender'] as const;
export type PublicCountKind = (typeof publicCountKinds)[number];

/**
 * What the public pages count (docs/decisions/029-page-counts.md): public activities per category (key:
 * the category), per support scheme and per equipment lender (key: its id). Kept by triggers in
 * migration 0026 in the transaction of every write to activity, activity_support and
 * activity_equipment, and by the expiry sweep (app/domain/catalogue/page-counts.server.ts).
 */
export const publicCount = pgTable(
  'public_count',
  {
    kind: text('kind', { enum: publicCountKinds }).notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull().default(0),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);

/** Keys a transaction touched; its commit recounts them (the deferred trigger public_count_flush). */
export const publicCountDirty = pgTable(
  'public_count_dirty',
  {
    tx: bigint('tx', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tx, t.kind, t.key] })],
);

/** How far the expiry sweep has recounted: listings that expired after `sweptUntil` are still counted. */
export const publicCountSweep = pgTable('public_count_sweep', {
  name: text('name').primaryKey(),
  sweptUntil: timestamp('swept_until', { withTimezone: true }).notNull(),
});
