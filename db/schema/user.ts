import { relations, sql } from 'drizzle-orm';
import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uuid, integer } from 'drizzle-orm/pg-core';

export const user = pgTable('user', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  preferredLanguage: text('preferred_language').notNull().default('nb'),
  /** TOTP secret for the second factor, encrypted; set when the user has turned it on. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The 30-second TOTP time step of the last code accepted: a code is taken once, and never an older one. */
  totpLastStep: integer('totp_last_step'),
  /** Hashes of unused recovery codes. */
  recoveryCodes: text('recovery_codes').array().notNull().default(sql`'{}'::text[]`),
  /** Demo users exist only outside production; the server refuses them when NODE_ENV=production. */
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const session = pgTable(
  'session',
  {
    /** SHA-256 of the opaque id in the cookie; the id itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set once the second factor is passed (or when the user has none and needs none). */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('session_user_idx').on(t.userId), index('session_expires_idx').on(t.expiresAt)],
);

/** Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_event_entity_idx').on(t.entity, t.entityId), index('audit_event_at_idx').on(t.at)],
);

export const tokenPurposes = ['verify_email', 'reset_password', 'invitation'] as const;

/** One-time links: only the hash of the token is stored; each expires and works once. */
export const oneTimeToken = pgTable(
  'one_time_token',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose', { enum: tokenPurposes }).notNull(),
    userId: uuid('user_id').references(() => user.id, { onDelete: 'cascade' }),
    /** What the link grants, e.g. an invitation's organisation and role. No personal data. */
    payload: jsonb('payload').$type<Record<string, string | number>>().notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('one_time_token_user_idx').on(t.userId)],
);

/**
 * Rate limits (sign-in, second factor, resets, sign-up forms), shared by every app server: one row per
 * bucket with the times of the attempts it let through in its window. One INSERT … ON CONFLICT DO UPDATE
 * counts and records an attempt under the row's lock, so concurrent attempts cannot all pass the check
 * (docs/decisions/014-limits-and-sign-in.md).
 */
export const rateLimitBucket = pgTable(
  'rate_limit_bucket',
  {
    /** e.g. `login:account:<hash>` or `login:ip:<hash>`; addresses are hashed, never stored. */
    bucket: text('bucket').primaryKey(),
    /** When the attempts let through happened, oldest first; never more than the limit within the window. */
    hits: timestamp('hits', { withTimezone: true }).array().notNull().default(sql`'{}'::timestamptz[]`),
    /** The answer to the latest attempt, read back by the statement that made it. */
    allowed: boolean('allowed').notNull().default(true),
    /** After this nothing in the row counts any more; the purge job deletes it. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_bucket_expires_idx').on(t.expiresAt)],
);

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** Recipient address, encrypted at rest; deleted once sent. */
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    language: text('language').notNull().default('nb'),
    /** Template parameters: opaque tokens and public names only, never a child's data. */
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

export const userRelations = relations(user, ({ many }) => ({ sessions: many(session) }));
export const sessionRelations = relations(session, ({ one }) => ({
  user: one(user, { fields: [session.userId], references: [user.id] }),
}));

export type User = typeof user.$inferSelect;
export type NewUser = typeof user.$inferInsert;
export type Session = typeof session.$inferSelect;
export type AuditEvent = typeof auditEvent.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type NewOutboxMessage = typeof outbox.$inferInsert;

/** Demo mode without SMTP: what would have been sent, readable at /dev/epost. Never used in production. */
export const devMailbox = pgTable('dev_mailbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channel: text('channel').notNull(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
