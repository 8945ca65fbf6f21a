import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { audit } from '../audit.server';
import { clubIdsOf, CONSENT_TEXT_VERSION, SELF_REQUEST_TEXT_VERSION } from './consent.server';
import { referralByGuardianToken } from './referral.server';
import { inTransaction } from '../../utils/transaction.server';

// Who a guardian can ask about the data (issue 9, item 7): the kommune's data controller and privacy
// officer, set by the kommune admin and shown on the consent page; and the receipt of the consent text
// the guardian agreed to. The kommune is always the controller, so a kommune that has set nothing is
// named by its own name and the page tells the guardian to ask the kommune: never an empty contact.

/** Where a guardian complains (the Norwegian Data Protection Authority). */
export const DATATILSYNET_URL = 'https://www.datatilsynet.no';

/** Optional contact fields of a kommune's settings: empty means not given (null). */
export const optionalText = z
  .string()
  .trim()
  .max(200, 'tooLong')
  .transform((v) => v || null);
export const optionalEmail = z
  .string()
  .trim()
  .pipe(z.union([z.literal(''), z.email('email').max(200, 'tooLong')]))
  .transform((v) => v || null);
export const optionalPhone = z
  .string()
  .trim()
  .pipe(z.union([z.literal(''), z.string().regex(/^\+?[\d\s]{8,15}$/, 'phone')]))
  .transform((v) => v || null);

export const privacyContactInput = z.object({
  privacyController: optionalText,
  privacyOfficerName: optionalText,
  privacyOfficerEmail: optionalEmail,
  privacyOfficerPhone: optionalPhone,
});
export type PrivacyContactInput = z.infer<typeof privacyContactInput>;

/** What the consent page shows. `controller` null: the kommune itself, by its name (translated). */
export type PrivacyContact = {
  kommune: string;
  controller: string | null;
  officer: { name: string | null; email: string | null; phone: string | null } | null;
};

const settingColumns = {
  privacyController: s.kommune.privacyController,
  privacyOfficerName: s.kommune.privacyOfficerName,
  privacyOfficerEmail: s.kommune.privacyOfficerEmail,
  privacyOfficerPhone: s.kommune.privacyOfficerPhone,
};
const contactColumns = { kommune: s.kommune.name, ...settingColumns };

function shape(row: { kommune: string } & PrivacyContactInput): PrivacyContact {
  const officer = { name: row.privacyOfficerName, email: row.privacyOfficerEmail, phone: row.privacyOfficerPhone };
  return { kommune: row.kommune, controller: row.privacyController, officer: officer.name || officer.email || officer.phone ? officer : null };
}

/** The kommune's stored values, for its settings form. */
export async function privacyContactSettings(kommuneId: number) {
  const [row] = await db().select(settingColumns).from(s.kommune).where(eq(s.kommune.id, kommuneId));
  return row;
}

/** The contact for the kommune a referral belongs to, for the guardian's page and receipt. */
export async function privacyContactForReferral(referralId: number): Promise<PrivacyContact> {
  const [row] = await db().select(contactColumns).from(s.referral).innerJoin(s.kommune, eq(s.kommune.id, s.referral.kommuneId)).where(eq(s.referral.id, referralId));
  return shape(row);
}

/** The kommune admin sets the contact. The audit says which fields are filled in, never their values. */
export async function setPrivacyContact(kommuneId: number, input: PrivacyContactInput, actorUserId: string) {
  const filled = Object.entries(input)
    .filter(([, v]) => v)
    .map(([k]) => k);
  await inTransaction(undefined, async (tx) => {
    await tx.update(s.kommune).set(input).where(eq(s.kommune.id, kommuneId));
    await audit({ actorUserId, action: 'kommune.privacy_contact_changed', entity: 'kommune', entityId: String(kommuneId), detail: { filled } }, tx);
  });
  return { ok: true as const };
}

/** One piece of a consent text: a translation key in the referral namespace, as heading or paragraph. */
export type TextPart = { key: string; values?: Record<string, string | number>; heading?: boolean };

/**
 * The translation keys that make up each consent text a guardian can agree to on screen. The page and
 * the receipt both render from here, and a unit test hashes the bokmål text of these keys against the
 * text version, so the text cannot change without a new version.
 */
export const consentTextKeys: Record<string, readonly string[]> = {
  [CONSENT_TEXT_VERSION]: [
    'consent.title', 'consent.whoAsks', 'consent.askedBy', 'consent.askedByKommune', 'consent.why', 'consent.whyBody', 'consent.toWhom', 'consent.toWhomBody',
    'consent.howLong', 'consent.howLongBody', 'consent.lasts', 'consent.voluntary', 'consent.voluntaryBody', 'consent.give',
  ],
  [SELF_REQUEST_TEXT_VERSION]: ['self.consentText', 'self.consent', 'self.age15'],
};

/** The body of the guardian's page, before the answer (the title and the yes button come with it). */
export function consentPageText(v: { referrerName: string | null; kommune: string; retentionDays: number }): TextPart[] {
  return [
    { key: 'consent.whoAsks', heading: true },
    v.referrerName ? { key: 'consent.askedBy', values: { name: v.referrerName, kommune: v.kommune } } : { key: 'consent.askedByKommune', values: { kommune: v.kommune } },
    { key: 'consent.why', heading: true },
    { key: 'consent.whyBody' },
    { key: 'consent.toWhom', heading: true },
    { key: 'consent.toWhomBody', values: { kommune: v.kommune } },
    { key: 'consent.howLong', heading: true },
    { key: 'consent.howLongBody', values: { days: v.retentionDays } },
    { key: 'consent.lasts' },
    { key: 'consent.voluntary', heading: true },
    { key: 'consent.voluntaryBody' },
  ];
}

type ConsentRow = typeof s.consent.$inferSelect;

/** A later answer that changed which clubs may learn the child's name. */
export type LaterAnswer = { kind: 'clubYes' | 'clubNo' | 'clubRecorded' | 'other'; clubs: string[]; method: ConsentRow['method']; textVersion: string; language: string; answeredAt: Date };

export type ConsentReceipt = {
  kommune: string;
  contact: PrivacyContact;
  referredByStaff: boolean;
  /** The first yes: what the guardian agreed to, in the words and language shown. */
  first: {
    textVersion: string; language: string; method: ConsentRow['method']; givenBy: ConsentRow['givenBy']; answeredAt: Date;
    /** The words shown, or null when the portal never showed them (recorded by staff, or an old version). */
    text: TextPart[] | null;
    /** The button pressed or the boxes ticked. */
    confirmed: { how: 'pressed' | 'ticked'; parts: TextPart[] };
  };
  later: LaterAnswer[];
  end: { kind: 'inForce' | 'withdrawn' | 'expired'; at: Date | null };
};

/**
 * The guardian's receipt: their own answers (the first yes with its full text, later yeses and noes
 * about clubs), the contact and nothing else. Null for a bad or expired link, or when there is no yes.
 * Reading it is a read by the guardian and is logged as one.
 */
export async function consentReceipt(token: string, now = new Date()): Promise<ConsentReceipt | null> {
  const r = await referralByGuardianToken(token, now);
  if (!r) return null;
  const rows = await db()
    .select()
    .from(s.consent)
    .where(and(eq(s.consent.referralId, r.id), eq(s.consent.answer, 'given')))
    .orderBy(asc(s.consent.answeredAt), asc(s.consent.id));
  if (!rows.length) return null;
  const [k] = await db().select({ retentionDays: s.kommune.retentionDays }).from(s.kommune).where(eq(s.kommune.id, r.kommuneId));
  const [referrer] = r.referrerUserId ? await db().select({ name: s.user.name }).from(s.user).where(eq(s.user.id, r.referrerUserId)) : [];
  const contact = await privacyContactForReferral(r.id);
  const clubIds = [...new Set(rows.flatMap((c) => clubIdsOf(c.scope)))];
  const clubs = clubIds.length ? await db().select({ id: s.organisation.id, name: s.organisation.name }).from(s.organisation).where(inArray(s.organisation.id, clubIds)) : [];
  const clubName = (id: number) => clubs.find((c) => c.id === id)?.name ?? '—';
  await audit({ actorUserId: null, action: 'referral.read_by_guardian', entity: 'referral', entityId: String(r.id), detail: { what: 'receipt' } });

  const [first, ...rest] = rows;
  const later = rest.map((c, i): LaterAnswer => {
    const before = new Set(clubIdsOf(rows[i].scope));
    const after = new Set(clubIdsOf(c.scope));
    const added = [...after].filter((x) => !before.has(x));
    const removed = [...before].filter((x) => !after.has(x));
    const kind = added.length ? (c.method === 'digital' ? 'clubYes' : 'clubRecorded') : removed.length ? 'clubNo' : 'other';
    return { kind, clubs: (added.length ? added : removed).map(clubName), method: c.method, textVersion: c.textVersion, language: c.language, answeredAt: c.answeredAt };
  });
  const last = rows[rows.length - 1];
  // A yes that a wider yes replaced (a club added) is closed at the moment of the new one: not withdrawn.
  const end: ConsentReceipt['end'] = last.withdrawnAt
    ? { kind: 'withdrawn', at: last.withdrawnAt }
    : last.expiresAt && last.expiresAt <= now
      ? { kind: 'expired', at: last.expiresAt }
      : { kind: 'inForce', at: last.expiresAt };
  const text: TextPart[] | null =
    first.textVersion === CONSENT_TEXT_VERSION
      ? [{ key: 'consent.title', heading: true }, ...consentPageText({ referrerName: referrer?.name ?? null, kommune: contact.kommune, retentionDays: k.retentionDays })]
      : first.textVersion === SELF_REQUEST_TEXT_VERSION
        ? [{ key: 'self.consentText' }]
        : null;
  const confirmed: ConsentReceipt['first']['confirmed'] =
    first.textVersion === CONSENT_TEXT_VERSION
      ? { how: 'pressed', parts: [{ key: 'consent.give' }] }
      : first.textVersion === SELF_REQUEST_TEXT_VERSION
        ? { how: 'ticked', parts: [{ key: 'self.consent' }, ...(first.givenBy === 'young_person' ? [{ key: 'self.age15' }] : [])] }
        : { how: 'pressed', parts: [] };
  return {
    kommune: contact.kommune,
    contact,
    referredByStaff: Boolean(r.referrerUserId),
    first: { textVersion: first.textVersion, language: first.language, method: first.method, givenBy: first.givenBy, answeredAt: first.answeredAt, text, confirmed },
    later,
    end,
  };
}

