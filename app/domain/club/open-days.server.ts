import { and, asc, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { openDayKinds } from '../../../db/schema/activity';
import { db } from '../../utils/db.server';
import { isRealDate, osloDate, osloMoment, osloTime } from '../../utils/dates';
import { inTransaction } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { deleteTranslations, missingTranslations, translatedText, translationLanguage, translationsIn, writeTranslations } from '../translations.server';
import { activityOf } from './activities.server';

// Open days and trial sessions a club announces for one of its activities: a date, a time, a place
// and a few words, translated as the club likes. Families find them on /apne-dager, on the activity's
// page, in its JSON-LD and in its calendar file (app/domain/catalogue).

export { openDayKinds };
export const openDayTextFields = ['title', 'description'] as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(TIME, 'time');

export const openDayInput = z
  .object({
    kind: z.enum(openDayKinds, 'required'),
    date: z.string().trim().refine(isRealDate, 'date'),
    start: time,
    end: time,
    /** One of the kommune's venues, or empty for the activity's own place. */
    venueId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive('invalid').nullable()),
    title: z.string().trim().min(1, 'required').max(120, 'tooLong'),
    description: z.string().trim().max(1000, 'tooLong').default(''),
  })
  .superRefine((v, ctx) => {
    // Only two real times are compared: a wrong one has its own error already.
    if (TIME.test(v.start) && TIME.test(v.end) && v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'timeOrder' });
  });
export type OpenDayInput = z.infer<typeof openDayInput>;

export const openDayTranslationInput = z.object({ language: translationLanguage, title: translatedText(120), description: translatedText(1000) });
export type OpenDayTranslationInput = z.infer<typeof openDayTranslationInput>;

/** The activity and its open days from today on, with the form's values in Oslo time. */
export async function activityOpenDays(organisationId: number, activityId: number, now = new Date()) {
  const activity = await activityOf(organisationId, activityId);
  if (!activity) return null;
  const today = osloMoment(osloDate(now), '00:00');
  const rows = await db()
    .select({ day: s.openDay, venue: s.venue.name })
    .from(s.openDay)
    .leftJoin(s.venue, eq(s.venue.id, s.openDay.venueId))
    .where(and(eq(s.openDay.activityId, activityId), gte(s.openDay.endsAt, today)))
    .orderBy(asc(s.openDay.startsAt));
  return { activity: { id: activity.id, title: activity.title, slug: activity.slug }, openDays: rows.map((r) => ({ ...formValues(r.day), venue: r.venue })) };
}

function formValues(d: typeof s.openDay.$inferSelect) {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    description: d.description,
    date: osloDate(d.startsAt),
    start: osloTime(d.startsAt),
    end: osloTime(d.endsAt),
    venueId: d.venueId,
    startsAt: d.startsAt.toISOString(),
  };
}

/** One open day of the club's activity, with its form values; null if it is not theirs. */
export async function clubOpenDay(organisationId: number, activityId: number, id: number) {
  if (!(await activityOf(organisationId, activityId))) return null;
  const [row] = await db().select().from(s.openDay).where(and(eq(s.openDay.id, id), eq(s.openDay.activityId, activityId), eq(s.openDay.organisationId, organisationId)));
  return row ? formValues(row) : null;
}

/**
 * What the open day's form needs: the activity, the open day (`id` null for a new one) and the places a
 * club may choose, the venues of the activity's kommune. Null when the activity or the day is not theirs.
 */
export async function openDayForm(organisationId: number, activityId: number, id: number | null) {
  const activity = await activityOf(organisationId, activityId);
  if (!activity) return null;
  const day = id === null ? null : await clubOpenDay(organisationId, activityId, id);
  if (id !== null && !day) return null;
  const venues = await db().select({ id: s.venue.id, name: s.venue.name, place: s.venue.place }).from(s.venue).where(eq(s.venue.kommuneId, activity.kommuneId)).orderBy(asc(s.venue.name));
  return { activity: { id: activity.id, title: activity.title, slug: activity.slug }, day, venues };
}

type SaveResult = { ok: true; id: number } | { ok: false; reason: 'notFound' } | { ok: false; reason: 'invalid'; errors: Record<string, string> };

/**
 * Creates (no `id`) or changes an open day. A day already over cannot be announced, and the place
 * must be in the activity's kommune; both are errors beside their field.
 */
export async function saveOpenDay(organisationId: number, activityId: number, input: OpenDayInput, actorUserId: string, id?: number, now = new Date()): Promise<SaveResult> {
  return inTransaction(undefined, async (tx): Promise<SaveResult> => {
    const activity = await activityOf(organisationId, activityId, tx);
    if (!activity) return { ok: false, reason: 'notFound' };
    const startsAt = osloMoment(input.date, input.start);
    const endsAt = osloMoment(input.date, input.end);
    if (input.date < osloDate(now)) return { ok: false, reason: 'invalid', errors: { date: 'club:openDays.errors.past' } };
    const venueId = input.venueId ?? activity.venueId;
    if (input.venueId) {
      const [venue] = await tx.select({ id: s.venue.id }).from(s.venue).where(and(eq(s.venue.id, input.venueId), eq(s.venue.kommuneId, activity.kommuneId)));
      if (!venue) return { ok: false, reason: 'invalid', errors: { venueId: 'invalid' } };
    }
    const values = { kind: input.kind, title: input.title, description: input.description, startsAt, endsAt, venueId };
    let savedId: number;
    if (id === undefined) {
      const [row] = await tx
        .insert(s.openDay)
        .values({ ...values, kommuneId: activity.kommuneId, organisationId, activityId })
        .returning({ id: s.openDay.id });
      savedId = row.id;
    } else {
      const [row] = await tx
        .update(s.openDay)
        .set(values)
        .where(and(eq(s.openDay.id, id), eq(s.openDay.activityId, activityId), eq(s.openDay.organisationId, organisationId)))
        .returning({ id: s.openDay.id });
      if (!row) return { ok: false, reason: 'notFound' };
      savedId = row.id;
    }
    await audit({ actorUserId, action: id === undefined ? 'open_day.created' : 'open_day.updated', entity: 'open_day', entityId: String(savedId), detail: { organisationId, activityId, kind: input.kind } }, tx);
    return { ok: true, id: savedId };
  });
}

/** Removes an open day and its translations; false if it is not the club's. */
export async function deleteOpenDay(organisationId: number, activityId: number, id: number, actorUserId: string) {
  return inTransaction(undefined, async (tx) => {
    const [row] = await tx
      .delete(s.openDay)
      .where(and(eq(s.openDay.id, id), eq(s.openDay.activityId, activityId), eq(s.openDay.organisationId, organisationId)))
      .returning({ id: s.openDay.id });
    if (!row) return false;
    await deleteTranslations(tx, 'open_day', id);
    await audit({ actorUserId, action: 'open_day.deleted', entity: 'open_day', entityId: String(id), detail: { organisationId, activityId } }, tx);
    return true;
  });
}

/** The open day's bokmål texts, which languages miss which, and a language's translations. */
export async function openDayTranslationOverview(organisationId: number, activityId: number, id: number, language: string) {
  const day = await clubOpenDay(organisationId, activityId, id);
  if (!day) return null;
  const fields = openDayTextFields.filter((f) => day[f]);
  return {
    day,
    texts: fields.map((field) => ({ field, original: day[field] })),
    languages: await missingTranslations('open_day', id, fields),
    current: await translationsIn('open_day', id, language),
  };
}

export async function saveOpenDayTranslations(organisationId: number, activityId: number, id: number, input: OpenDayTranslationInput, actorUserId: string) {
  return inTransaction(undefined, async (tx) => {
    const [row] = await tx
      .select({ id: s.openDay.id })
      .from(s.openDay)
      .where(and(eq(s.openDay.id, id), eq(s.openDay.activityId, activityId), eq(s.openDay.organisationId, organisationId)));
    if (!row) return false;
    const filled = await writeTranslations(tx, 'open_day', id, input.language, { title: input.title, description: input.description }, 'club');
    await audit({ actorUserId, action: 'open_day.translated', entity: 'open_day', entityId: String(id), detail: { organisationId, language: input.language, filled } }, tx);
    return true;
  });
}
