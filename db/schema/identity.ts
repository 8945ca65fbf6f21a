import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './user';

/**
 * A staff account's link to an OpenID Connect provider: the provider's `sub` only (pairwise at
 * ID-porten), never the national identity number (`pid`) or any other claim.
 */
export const userIdentity = pgTable(
  'user_identity',
  {
    providerId: text('provider_id').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.subject] }), index('user_identity_user_idx').on(t.userId)],
);

/**
 * One sign-in through a provider, kept server-side so any app server can take the callback: keyed by
 * the hash of `state`, used once, gone after ten minutes. After a successful sign-in it keeps the
 * session's hash and the id token (encrypted) for the provider's logout.
 */
export const oidcLoginAttempt = pgTable(
  'oidc_login_attempt',
  {
    stateHash: text('state_hash').primaryKey(),
    providerId: text('provider_id').notNull(),
    nonce: text('nonce').notNull(),
    /** The PKCE code_verifier, encrypted. */
    codeVerifier: text('code_verifier').notNull(),
    /** The hash of the invitation token this sign-in accepts, if any. */
    invitationTokenHash: text('invitation_token_hash'),
    /** Encrypted, as the invitation token itself is needed to accept it. */
    invitationToken: text('invitation_token'),
    returnTo: text('return_to').notNull().default('/konto'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Set on success: the session it started, and that session's id token (encrypted) for logout. */
    sessionIdHash: text('session_id_hash'),
    idToken: text('id_token'),
  },
  (t) => [index('oidc_login_attempt_expires_idx').on(t.expiresAt), index('oidc_login_attempt_session_idx').on(t.sessionIdHash)],
);

export type UserIdentity = typeof userIdentity.$inferSelect;
export type OidcLoginAttempt = typeof oidcLoginAttempt.$inferSelect;
