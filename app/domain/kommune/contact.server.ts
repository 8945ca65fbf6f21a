import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { inTransaction } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { optionalEmail, optionalPhone, optionalText } from '../referral/privacy-contact.server';

// Where families ask about leisure in a kommune (issue 12, part 2, "kommune facts"): the fritid office's
// name, e-mail, phone and web page, set by the kommune admin and shown beside the kommune's support
// schemes. The privacy contact and the retention are set on the same page (privacy-contact.server.ts).

export const kommuneContactInput = z.object({
  contactName: optionalText,
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
  contactUrl: z
    .string()
    .trim()
    .pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'url' }).max(300, 'tooLong')]))
    .transform((v) => v || null),
});
export type KommuneContact = z.infer<typeof kommuneContactInput>;

const columns = { contactName: s.kommune.contactName, contactEmail: s.kommune.contactEmail, contactPhone: s.kommune.contactPhone, contactUrl: s.kommune.contactUrl };

export async function kommuneContact(kommuneId: number): Promise<KommuneContact> {
  const [row] = await db().select(columns).from(s.kommune).where(eq(s.kommune.id, kommuneId));
  return row;
}

/** The contacts of several kommuner by slug, leaving out those that have set none. */
export async function kommuneContactsBySlug(slugs: string[]) {
  if (!slugs.length) return {} as Record<string, KommuneContact>;
  const rows = await db().select({ slug: s.kommune.slug, ...columns }).from(s.kommune).where(inArray(s.kommune.slug, slugs));
  return Object.fromEntries(rows.filter((r) => r.contactName || r.contactEmail || r.contactPhone || r.contactUrl).map(({ slug, ...c }) => [slug, c])) as Record<string, KommuneContact>;
}

/** The audit says which fields are filled in, never their values. */
export async function setKommuneContact(kommuneId: number, input: KommuneContact, actorUserId: string) {
  const filled = Object.entries(input).filter(([, v]) => v).map(([k]) => k);
  await inTransaction(undefined, async (tx) => {
    await tx.update(s.kommune).set(input).where(eq(s.kommune.id, kommuneId));
    await audit({ actorUserId, action: 'kommune.contact_changed', entity: 'kommune', entityId: String(kommuneId), detail: { filled } }, tx);
  });
}
