import { and, desc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import type { Executor } from '../../utils/transaction.server';

// The consent rules, in one place (DESIGN.md, "Nothing is shared before consent"): which texts exist,
// how long things last, who a consent names, and when it is in force. Every query that asks "may this
// be shared now?" uses inForce(); nothing else spells the rule out. What happens when a consent ends is
// in consent-end.server.ts; how long data is kept afterwards, in retention.server.ts.

/** The consent text on the guardian's page (samtykke), stored with every answer given there. */
export const CONSENT_TEXT_VERSION = '2026-11-v1';
/** The shorter text on /fritidsguide, shown to someone asking for themselves. */
export const SELF_REQUEST_TEXT_VERSION = '2026-11-self-v1';
/** A yes given on paper or orally and recorded by staff: the text is the kommune's paper form or what was said. */
export const RECORDED_TEXT_VERSION = '2026-11-recorded-v1';

const DAY_MS = 24 * 3600 * 1000;

/** Every duration the consent rules use, named once. */
export const consentDurations = {
  /** A consent lasts a year from the day it was given. */
  consentDays: 365,
  /** A link sent for an answer stays valid this long while the referral waits for it. */
  linkDays: 14,
  /** One reminder this long after the link, if there is no answer. */
  reminderAfterDays: 3,
  /** A referral nobody answered is closed (and deleted) after this: the link and the reminder's link. */
  unansweredDays: 30,
  /** After a withdrawal the personal data goes within a day. */
  purgeAfterWithdrawalDays: 1,
} as const;

export const days = (n: number) => n * DAY_MS;
export const plusDays = (from: Date, n: number) => new Date(from.getTime() + days(n));

/** Who a consent allows the referral to be shared with: the assigned guide, or one named club. */
export type Recipient = { kind: 'guide' } | { kind: 'club'; organisationId: number };

export const guideRecipient: Recipient = { kind: 'guide' };
export const clubRecipient = (organisationId: number): Recipient => ({ kind: 'club', organisationId });

// Stored as text in consent.scope ('guide', 'club:<organisation id>'); only these two functions read
// or write that form.
export function recipientKey(r: Recipient) {
  return r.kind === 'guide' ? 'guide' : `club:${r.organisationId}`;
}

export function parseRecipient(key: string): Recipient | null {
  if (key === 'guide') return guideRecipient;
  const m = /^club:(\d+)$/.exec(key);
  return m ? clubRecipient(Number(m[1])) : null;
}

/** The scope stored for a list of recipients (no duplicates, the guide first). */
export function scopeOf(recipients: Recipient[]) {
  const keys = [...new Set(recipients.map(recipientKey))];
  return keys.sort((a, b) => (a === 'guide' ? -1 : b === 'guide' ? 1 : 0));
}

export function recipientsOf(scope: string[]) {
  return scope.map(parseRecipient).filter((r): r is Recipient => r !== null);
}

export function covers(scope: string[], r: Recipient) {
  return scope.includes(recipientKey(r));
}

/** The organisation ids a scope names. */
export function clubIdsOf(scope: string[]) {
  return recipientsOf(scope).flatMap((r) => (r.kind === 'club' ? [r.organisationId] : []));
}

/** A consent row in force at `now`: a yes, not withdrawn, not expired. */
function rowInForce(now: Date) {
  return and(eq(s.consent.answer, 'given'), isNull(s.consent.withdrawnAt), or(isNull(s.consent.expiresAt), gt(s.consent.expiresAt, now)))!;
}

/**
 * THE rule, as SQL: a consent in force at `now` for the referral in `referralId` (a column of the
 * outer query), covering `recipient` when one is given. Used by every query that decides sharing.
 */
export function inForce(referralId: AnyPgColumn | SQL, now: Date, recipient?: Recipient): SQL {
  const covering = recipient ? sql` and ${recipientKey(recipient)} = any(${s.consent.scope})` : sql``;
  return sql`exists (select 1 from ${s.consent} where ${s.consent.referralId} = ${referralId} and ${rowInForce(now)}${covering})`;
}

/** The consent in force for a referral (the newest, if a change left two), or null. */
export async function consentInForce(referralId: number, now = new Date(), executor: Executor = db()) {
  const [row] = await executor
    .select()
    .from(s.consent)
    .where(and(eq(s.consent.referralId, referralId), rowInForce(now)))
    .orderBy(desc(s.consent.answeredAt), desc(s.consent.id))
    .limit(1);
  return row ?? null;
}

/** When a consent given at `answeredAt` runs out. */
export const consentExpiry = (answeredAt: Date) => plusDays(answeredAt, consentDurations.consentDays);
