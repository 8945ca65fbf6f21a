import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { decryptOptional } from '../../utils/crypto.server';
import { osloDate, osloDayPlus } from '../../utils/dates';
import { db } from '../../utils/db.server';
import { formatDate } from '../../utils/format';
import { audit } from '../audit.server';
import { lenderHours } from '../catalogue/directory.server';
import { openingHoursLine } from '../catalogue/opening-hours';
import { enqueue } from '../notifications/outbox.server';
import { guardianChannel } from '../notifications/transport.server';
import { inTransaction } from '../../utils/transaction.server';

// Equipment from a lender (BUA / utstyrssentral): the guide arranges what the child borrows, where and
// from when, and may tell the family by SMS or e-mail in their language. The message names the lender
// (public information) and the date, never the child. Kommune side only; purged with the referral.


/** The kommune's lenders (hours in the guide's language), and the equipment the child's activities need. */
export async function equipmentOptions(referralId: number, language = 'nb') {
  const [r] = await db().select({ kommuneId: s.referral.kommuneId }).from(s.referral).where(eq(s.referral.id, referralId));
  if (!r) return null;
  const lenderRows = await db()
    .select({ id: s.equipmentLender.id, name: s.equipmentLender.name, address: s.equipmentLender.address, lends: s.equipmentLender.lends })
    .from(s.equipmentLender)
    .where(eq(s.equipmentLender.kommuneId, r.kommuneId))
    .orderBy(s.equipmentLender.name);
  const hours = await lenderHours(lenderRows.map((l) => l.id));
  const lenders = lenderRows.map((l) => ({ ...l, openingHours: openingHoursLine(hours.get(l.id) ?? [], language) }));
  const placed = await db().selectDistinct({ activityId: s.placement.activityId }).from(s.placement).where(eq(s.placement.referralId, referralId));
  const items = placed.length
    ? await db()
        .select({ activityId: s.activityEquipment.activityId, activity: s.activity.title, item: s.activityEquipment.item, source: s.activityEquipment.source, lenderId: s.activityEquipment.lenderId, required: s.activityEquipment.required })
        .from(s.activityEquipment)
        .innerJoin(s.activity, eq(s.activity.id, s.activityEquipment.activityId))
        .where(and(inArray(s.activityEquipment.activityId, placed.map((p) => p.activityId)), inArray(s.activityEquipment.source, ['lend', 'buy'])))
        .orderBy(s.activity.title, s.activityEquipment.item)
    : [];
  return { lenders, items };
}

export const loanInput = z.object({
  lenderId: z.coerce.number({ message: 'required' }).int().positive('required'),
  activityId: z.coerce.number().int().positive().optional(),
  items: z.array(z.string().trim().min(1).max(80, 'tooLong')).min(1, 'referral:errors.itemsRequired').max(12, 'referral:errors.tooManyItems'),
  pickupOn: z.iso.date('date'),
  tellFamily: z.boolean().default(false),
});

type LoanResult = { ok: true; told: boolean } | { ok: false; field: string; error: string };

/** Records an arrangement with a lender of the referral's kommune; tells the family when asked to. */
export async function arrangeLoan(referralId: number, input: z.infer<typeof loanInput>, guideUserId: string, now = new Date()): Promise<LoanResult> {
  const [r] = await db().select().from(s.referral).where(eq(s.referral.id, referralId));
  if (!r) return { ok: false, field: 'form', error: 'invalid' };
  const [lender] = await db().select().from(s.equipmentLender).where(eq(s.equipmentLender.id, input.lenderId));
  if (!lender || lender.kommuneId !== r.kommuneId) return { ok: false, field: 'lenderId', error: 'invalid' };
  // Equipment for one of the child's own activities (or none named), never another referral's.
  if (input.activityId && !(await db().select({ id: s.placement.id }).from(s.placement).where(and(eq(s.placement.referralId, referralId), eq(s.placement.activityId, input.activityId)))).length) {
    return { ok: false, field: 'activityId', error: 'invalid' };
  }
  // From today, and within three months (Oslo days): a lender does not hold things longer.
  if (input.pickupOn < osloDate(now) || input.pickupOn > osloDayPlus(now, 92)) return { ok: false, field: 'pickupOn', error: 'referral:errors.pickupDate' };
  const phone = decryptOptional(r.guardianPhone);
  const email = decryptOptional(r.guardianEmail);
  const to = guardianChannel(phone, email);
  const tell = input.tellFamily && to !== null;
  await inTransaction(undefined, async (tx) => {
    await tx.insert(s.equipmentLoan).values({ referralId, lenderId: lender.id, activityId: input.activityId ?? null, items: input.items, pickupOn: input.pickupOn, familyToldAt: tell ? now : null, createdAt: now });
    if (tell) {
      const date = formatDate(`${input.pickupOn}T12:00:00Z`, r.guardianLanguage, { dateStyle: 'long' });
      const hours = openingHoursLine((await lenderHours([lender.id])).get(lender.id) ?? [], r.guardianLanguage);
      await enqueue({ ...to, template: 'equipment-pickup', language: r.guardianLanguage, params: { lender: lender.name, address: lender.address, hours, date } }, tx);
    }
    await audit({ actorUserId: guideUserId, action: 'equipment.arranged', entity: 'referral', entityId: String(referralId), detail: { told: tell } }, tx);
  });
  return { ok: true, told: tell };
}

export const loanStatusInput = z.object({ loanId: z.coerce.number().int().positive(), status: z.enum(s.equipmentLoanStatuses) });

/** Picked up, returned: the guide keeps track so nothing is left unreturned when the case closes. */
export async function setLoanStatus(referralId: number, input: z.infer<typeof loanStatusInput>, guideUserId: string) {
  const updated = await db()
    .update(s.equipmentLoan)
    .set({ status: input.status })
    .where(and(eq(s.equipmentLoan.id, input.loanId), eq(s.equipmentLoan.referralId, referralId)))
    .returning({ id: s.equipmentLoan.id });
  if (!updated.length) return false;
  await audit({ actorUserId: guideUserId, action: 'equipment.status', entity: 'referral', entityId: String(referralId), detail: { status: input.status } });
  return true;
}

export async function loansFor(referralId: number) {
  return db()
    .select({ id: s.equipmentLoan.id, lender: s.equipmentLender.name, items: s.equipmentLoan.items, pickupOn: s.equipmentLoan.pickupOn, status: s.equipmentLoan.status, familyTold: s.equipmentLoan.familyToldAt })
    .from(s.equipmentLoan)
    .innerJoin(s.equipmentLender, eq(s.equipmentLender.id, s.equipmentLoan.lenderId))
    .where(eq(s.equipmentLoan.referralId, referralId))
    .orderBy(desc(s.equipmentLoan.createdAt), desc(s.equipmentLoan.id));
}
