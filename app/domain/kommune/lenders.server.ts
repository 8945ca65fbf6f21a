import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { slugify } from '../../../db/random';
import { db } from '../../utils/db.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { parseDecimal } from '../catalogue/decimal';
import { lenderHours, lenderItems } from '../catalogue/directory.server';
import { openingDays } from '../catalogue/opening-hours';
import { optionalEmail, optionalPhone } from '../referral/privacy-contact.server';

// The kommune admin keeps its own equipment lenders (BUA / utstyrssentral; issue 12, part 2): where they
// are, when they are open (rows, so each reader gets them in their own language), how to reach them and
// what they lend, as a list the clubs are offered when they name equipment borrowed there. The old
// free-text `lends` is derived from that list on every save (see db/schema/support.ts).

/** At most this many items, each this long: a lender's shelf, not a catalogue. */
export const MAX_ITEMS = 40;
export const MAX_ITEM_LENGTH = 80;
/** Two openings a day, every day of the week. */
export const MAX_OPENINGS = 14;

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');

/** A coordinate typed the way people write it ("59,93" or "59.93"), within Norway so a swapped pair is caught. */
const coordinate = (min: number, max: number, message: string) =>
  z.string().transform((v, ctx) => {
    const n = parseDecimal(v);
    if (n === null || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });

/** HH:MM from "9:00", "09.00" or a time input's "09:00"; anything else is refused. */
const clock = z
  .string()
  .trim()
  .min(1, 'required')
  .transform((v) => v.replace(/^(\d)([:.])/, '0$1$2').replace('.', ':'))
  .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time'));

const opening = z.object({
  weekday: z.coerce.number('weekday').int('weekday').min(1, 'weekday').max(7, 'weekday'),
  opens: clock,
  closes: clock,
});

export const lenderInput = z
  .object({
    name: text(120),
    address: text(200),
    lat: coordinate(57.5, 71.5, 'support:lenderEditor.errors.lat'),
    lon: coordinate(4, 31.5, 'support:lenderEditor.errors.lon'),
    url: z
      .string()
      .trim()
      .default('')
      .pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'support:lenderEditor.errors.url' }).max(500, 'tooLong')]))
      .transform((v) => v || null),
    contactEmail: optionalEmail.prefault(''),
    contactPhone: optionalPhone.prefault(''),
    venueId: z
      .string()
      .trim()
      .default('')
      .transform((v) => (v === '' ? null : Number(v)))
      .pipe(z.union([z.null(), z.number().int().positive()])),
    /** One item per line, as typed in the text area; blank lines and repeats (whatever the case) are dropped. */
    items: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const seen = new Set<string>();
        const items: string[] = [];
        for (const line of v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
          if (line.length > MAX_ITEM_LENGTH) {
            ctx.addIssue({ code: 'custom', message: 'support:lenderEditor.errors.itemTooLong' });
            return z.NEVER;
          }
          if (seen.has(line.toLowerCase())) continue;
          seen.add(line.toLowerCase());
          items.push(line);
        }
        if (items.length > MAX_ITEMS) {
          ctx.addIssue({ code: 'custom', message: 'support:lenderEditor.errors.tooManyItems' });
          return z.NEVER;
        }
        return items;
      }),
    hours: z.array(opening).max(MAX_OPENINGS, 'support:lenderEditor.errors.tooManyOpenings').default([]),
  })
  .superRefine((v, ctx) => {
    v.hours.forEach((h, i) => {
      if (h.closes <= h.opens) ctx.addIssue({ code: 'custom', path: ['hours', i, 'closes'], message: 'support:lenderEditor.errors.closesBeforeOpens' });
    });
  });
export type LenderInput = z.infer<typeof lenderInput>;

/**
 * The form's fields as the schema wants them: opening rows arrive flat ("hours.3.opens") and the form
 * always offers blank rows, which are dropped. A row with anything in it is kept, so its gaps get errors.
 */
export function lenderFormValues(form: FormData) {
  const values: Record<string, unknown> = {};
  const rows: Record<string, Record<string, string>> = {};
  for (const [key, raw] of form.entries()) {
    if (typeof raw !== 'string') continue;
    const m = key.match(/^hours\.(\d+)\.(weekday|opens|closes)$/);
    if (m) (rows[String(Number(m[1]))] ??= {})[m[2]] = raw;
    else values[key] = raw;
  }
  // Each row keeps the number the form gave it (`at`), so an error is shown beside the row it is about.
  // A list of rows, not an array indexed by that number: a sent "hours.999999999.opens" is one row.
  const hours = Object.entries(rows)
    .map(([at, r]) => ({ at: Number(at), weekday: r.weekday ?? '', opens: r.opens ?? '', closes: r.closes ?? '' }))
    .filter((r) => [r.weekday, r.opens, r.closes].some((x) => x.trim()))
    .sort((a, b) => a.at - b.at);
  return { ...values, hours } as Record<string, unknown> & { hours: { at: number; weekday: string; opens: string; closes: string }[] };
}

/** Parses the form; an opening row's error keeps the row number the form showed (`hours.3.closes`). */
export function parseLenderForm(values: ReturnType<typeof lenderFormValues>) {
  const parsed = lenderInput.safeParse({ ...values, hours: values.hours.map(({ at: _at, ...r }) => r) });
  if (parsed.success) return parsed;
  // Issues name the position among the filled rows; the form needs the row it drew.
  for (const issue of parsed.error.issues) if (issue.path[0] === 'hours' && typeof issue.path[1] === 'number') issue.path[1] = values.hours[issue.path[1]]?.at ?? issue.path[1];
  return parsed;
}

/** The form's values back, for refilling it after an error: flat, as it sent them. */
export function lenderFormEcho(values: ReturnType<typeof lenderFormValues>) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v;
  for (const { at, ...r } of values.hours) for (const [f, v] of Object.entries(r)) out[`hours.${at}.${f}`] = v;
  return out;
}

/** The kommune's lenders for its admin, with their opening days in the reader's language and their items. */
export async function kommuneLenders(kommuneId: number, language: string) {
  const rows = await db().select().from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, kommuneId)).orderBy(asc(s.equipmentLender.name));
  const ids = rows.map((r) => r.id);
  const [hours, items] = await Promise.all([lenderHours(ids), lenderItems(ids)]);
  return rows.map((r) => ({ ...r, hours: openingDays(hours.get(r.id) ?? [], language), items: items.get(r.id) ?? [] }));
}

/** One lender of the kommune with its rows, or null (another kommune's lender does not exist here). */
export async function kommuneLender(kommuneId: number, id: number) {
  const [row] = await db().select().from(s.equipmentLender).where(and(eq(s.equipmentLender.id, id), eq(s.equipmentLender.kommuneId, kommuneId)));
  if (!row) return null;
  const [hours, items] = await Promise.all([lenderHours([id]), lenderItems([id])]);
  return { ...row, hours: hours.get(id) ?? [], items: items.get(id) ?? [] };
}

/** The kommune's venues, for the lender's optional "at this venue". */
export async function kommuneVenues(kommuneId: number) {
  return db().select({ id: s.venue.id, name: s.venue.name, place: s.venue.place }).from(s.venue).where(eq(s.venue.kommuneId, kommuneId)).orderBy(asc(s.venue.name));
}

/** How many activity equipment rows and guide-arranged loans point at the lender: while any do, it stays. */
export async function lenderUses(id: number, executor: Executor = db()) {
  const [[equipment], [loans]] = await Promise.all([
    executor.select({ n: count() }).from(s.activityEquipment).where(eq(s.activityEquipment.lenderId, id)),
    executor.select({ n: count() }).from(s.equipmentLoan).where(eq(s.equipmentLoan.lenderId, id)),
  ]);
  return { activities: equipment?.n ?? 0, loans: loans?.n ?? 0 };
}

type Result = { ok: true; id: number } | { ok: false; reason: 'notFound' } | { ok: false; field: string; reason: string };

function columns(input: LenderInput) {
  return {
    name: input.name, address: input.address, lat: input.lat, lon: input.lon, url: input.url, contactEmail: input.contactEmail, contactPhone: input.contactPhone,
    venueId: input.venueId, lends: input.items.join(', '),
  };
}

/** The audit names what changed in kind and number, never the text. */
const detail = (kommuneId: number, input: LenderInput) => ({ kommuneId, items: input.items.length, openings: input.hours.length, venue: input.venueId !== null });

async function replaceRows(tx: Executor, lenderId: number, input: LenderInput) {
  await tx.delete(s.equipmentLenderItem).where(eq(s.equipmentLenderItem.lenderId, lenderId));
  await tx.delete(s.equipmentLenderHours).where(eq(s.equipmentLenderHours.lenderId, lenderId));
  if (input.items.length) await tx.insert(s.equipmentLenderItem).values(input.items.map((name, position) => ({ lenderId, name, position })));
  if (input.hours.length) await tx.insert(s.equipmentLenderHours).values(input.hours.map((h) => ({ lenderId, weekday: h.weekday, opensAt: h.opens, closesAt: h.closes })));
}

async function venueOfKommune(tx: Executor, kommuneId: number, venueId: number | null) {
  if (venueId === null) return true;
  return (await tx.select({ id: s.venue.id }).from(s.venue).where(and(eq(s.venue.id, venueId), eq(s.venue.kommuneId, kommuneId)))).length > 0;
}

/** A new lender with its items and openings, all or nothing. */
export async function createLender(kommuneId: number, input: LenderInput, actorUserId: string): Promise<Result> {
  return inTransaction(undefined, async (tx) => {
    if (!(await venueOfKommune(tx, kommuneId, input.venueId))) return { ok: false, field: 'venueId', reason: 'invalid' };
    // Slugs are unique across kommuner (the public /utstyr page links by them).
    const base = slugify(input.name) || 'utlan';
    const taken = new Set((await tx.select({ slug: s.equipmentLender.slug }).from(s.equipmentLender)).map((r) => r.slug));
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    const [row] = await tx.insert(s.equipmentLender).values({ kommuneId, slug, ...columns(input) }).returning({ id: s.equipmentLender.id });
    await replaceRows(tx, row.id, input);
    await audit({ actorUserId, action: 'equipment_lender.created', entity: 'equipment_lender', entityId: String(row.id), detail: detail(kommuneId, input) }, tx);
    return { ok: true, id: row.id };
  });
}

/** Saves the lender and replaces its items and openings with the form's, all or nothing. */
export async function updateLender(kommuneId: number, id: number, input: LenderInput, actorUserId: string): Promise<Result> {
  return inTransaction(undefined, async (tx) => {
    if (!(await venueOfKommune(tx, kommuneId, input.venueId))) return { ok: false, field: 'venueId', reason: 'invalid' };
    const [before] = await tx.select({ lends: s.equipmentLender.lends }).from(s.equipmentLender).where(and(eq(s.equipmentLender.id, id), eq(s.equipmentLender.kommuneId, kommuneId)));
    if (!before) return { ok: false, reason: 'notFound' };
    const values = columns(input);
    await tx.update(s.equipmentLender).set(values).where(eq(s.equipmentLender.id, id));
    // A translation of the old list would tell families about things no longer lent: it goes, and
    // readers see the list in bokmål (marked so) until it is translated again.
    if (before.lends !== values.lends) await tx.delete(s.translation).where(and(eq(s.translation.entity, 'equipment_lender'), eq(s.translation.entityId, id), eq(s.translation.field, 'lends')));
    await replaceRows(tx, id, input);
    await audit({ actorUserId, action: 'equipment_lender.updated', entity: 'equipment_lender', entityId: String(id), detail: detail(kommuneId, input) }, tx);
    return { ok: true, id };
  });
}

/** Deletes the lender, unless a club's activity or a guide's loan still names it (then nothing changes). */
export async function deleteLender(kommuneId: number, id: number, actorUserId: string): Promise<Result> {
  return inTransaction(undefined, async (tx) => {
    const [row] = await tx.select({ id: s.equipmentLender.id }).from(s.equipmentLender).where(and(eq(s.equipmentLender.id, id), eq(s.equipmentLender.kommuneId, kommuneId))).for('update');
    if (!row) return { ok: false, reason: 'notFound' };
    const uses = await lenderUses(id, tx);
    if (uses.activities || uses.loans) return { ok: false, field: 'form', reason: 'support:lenderEditor.errors.inUse' };
    await tx.delete(s.translation).where(and(eq(s.translation.entity, 'equipment_lender'), eq(s.translation.entityId, id)));
    await tx.delete(s.equipmentLender).where(eq(s.equipmentLender.id, id));
    await audit({ actorUserId, action: 'equipment_lender.deleted', entity: 'equipment_lender', entityId: String(id), detail: { kommuneId } }, tx);
    return { ok: true, id };
  });
}
