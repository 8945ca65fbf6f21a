import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { areaKinds } from '../../../db/schema/kommune';
import { slugify } from '../../../db/random';
import { db } from '../../utils/db.server';
import { fieldErrors } from '../../utils/forms.server';
import { inTransaction, type Executor, type Tx } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { parseDecimal } from '../catalogue/decimal';
import { forgetPlaces } from '../catalogue/places.server';

export { areaKinds };

// The kommune admin keeps its own areas (issue 12, part 2): bydeler, grender, skolekretser and
// tettsteder with a centre, which search ("nearest to"), the venue's nearest area and guide matching
// use. Two areas that turn out to be one are merged, so nothing that pointed at either is lost.

/** Mainland Norway with its coast and islands, so a swapped or mistyped coordinate is caught. */
export const norwayBounds = { lat: { min: 57.5, max: 71.5 }, lon: { min: 4, max: 31.5 } } as const;

/** A coordinate as people type it ("59,95" or "59.95"), within `range`, else the field's error. */
const coordinate = (range: { min: number; max: number }, message: string) =>
  z
    .string()
    .trim()
    .min(1, 'required')
    .transform((v, ctx) => {
      const n = parseDecimal(v);
      if (n === null || n < range.min || n > range.max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });

export const areaInput = z.object({
  name: z.string().trim().min(1, 'required').max(80, 'tooLong'),
  kind: z.enum(areaKinds, 'areas:errors.kind'),
  lat: coordinate(norwayBounds.lat, 'areas:errors.lat'),
  lon: coordinate(norwayBounds.lon, 'areas:errors.lon'),
});
export type AreaInput = z.infer<typeof areaInput>;

/** What uses an area: the counts a merge moves and a delete must find at zero. */
export type AreaUses = { activities: number; venues: number; referrals: number; guides: number; statisticCells: number };
export const noUses = (u: AreaUses) => Object.values(u).every((n) => n === 0);

/** The kommune's areas with how many activities and venues use each, by name. */
export async function kommuneAreas(kommuneId: number) {
  const areas = await db().select().from(s.area).where(eq(s.area.kommuneId, kommuneId)).orderBy(asc(s.area.name), asc(s.area.id));
  const ids = areas.map((a) => a.id);
  if (!ids.length) return [];
  const [activities, venues] = await Promise.all([
    db().select({ id: s.activity.areaId, n: count() }).from(s.activity).where(inArray(s.activity.areaId, ids)).groupBy(s.activity.areaId),
    db().select({ id: s.venue.areaId, n: count() }).from(s.venue).where(inArray(s.venue.areaId, ids)).groupBy(s.venue.areaId),
  ]);
  const of = (rows: { id: number | null; n: number }[], id: number) => rows.find((r) => r.id === id)?.n ?? 0;
  return areas.map((a) => ({ ...a, activities: of(activities, a.id), venues: of(venues, a.id) }));
}

export async function kommuneArea(kommuneId: number, id: number, executor: Executor = db()) {
  const [row] = await executor.select().from(s.area).where(and(eq(s.area.id, id), eq(s.area.kommuneId, kommuneId)));
  return row ?? null;
}

/** Everything that points at the area: activities, venues, referrals, guides' areas and the statistics left after the purge. */
export async function areaUses(kommuneId: number, id: number, executor: Executor = db()): Promise<AreaUses> {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  return {
    activities: await n(executor.select({ n: count() }).from(s.activity).where(eq(s.activity.areaId, id))),
    venues: await n(executor.select({ n: count() }).from(s.venue).where(eq(s.venue.areaId, id))),
    referrals: await n(executor.select({ n: count() }).from(s.referral).where(eq(s.referral.areaId, id))),
    guides: await n(executor.select({ n: count() }).from(s.guide).where(sql`${id} = any(${s.guide.areaIds})`)),
    statisticCells:
      (await n(executor.select({ n: count() }).from(s.referralStatistic).where(and(eq(s.referralStatistic.kommuneId, kommuneId), eq(s.referralStatistic.areaId, id))))) +
      (await n(executor.select({ n: count() }).from(s.insightReferralCell).where(and(eq(s.insightReferralCell.kommuneId, kommuneId), eq(s.insightReferralCell.areaId, id))))),
  };
}

// Search takes `?omrade=<slug>` with at most 40 characters: a longer slug could never be asked for.
const SLUG_MAX = 36;

async function freeSlug(tx: Tx, kommuneId: number, name: string) {
  const base = slugify(name).slice(0, SLUG_MAX).replace(/-+$/, '') || 'omrade';
  const taken = new Set((await tx.select({ slug: s.area.slug }).from(s.area).where(eq(s.area.kommuneId, kommuneId))).map((r) => r.slug));
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  return slug;
}

export async function createArea(kommuneId: number, input: AreaInput, actorUserId: string) {
  const result = await inTransaction(undefined, async (tx) => {
    const slug = await freeSlug(tx, kommuneId, input.name);
    const [row] = await tx.insert(s.area).values({ kommuneId, slug, name: input.name, kind: input.kind, lat: input.lat, lon: input.lon }).returning({ id: s.area.id });
    await audit({ actorUserId, action: 'area.created', entity: 'area', entityId: String(row.id), detail: { kommuneId, kind: input.kind, slug } }, tx);
    return { ok: true as const, id: row.id };
  });
  forgetPlaces();
  return result;
}

/** The slug stays as it was: it is in addresses people have shared (`/aktiviteter?omrade=…`). */
export async function updateArea(kommuneId: number, id: number, input: AreaInput, actorUserId: string) {
  const result = await inTransaction(undefined, async (tx) => {
    const updated = await tx
      .update(s.area)
      .set({ name: input.name, kind: input.kind, lat: input.lat, lon: input.lon })
      .where(and(eq(s.area.id, id), eq(s.area.kommuneId, kommuneId)))
      .returning({ id: s.area.id });
    if (!updated.length) return { ok: false as const, reason: 'notFound' as const };
    await audit({ actorUserId, action: 'area.updated', entity: 'area', entityId: String(id), detail: { kommuneId, kind: input.kind } }, tx);
    return { ok: true as const, id };
  });
  forgetPlaces();
  return result;
}

/**
 * Merges area `fromId` into `intoId`, both of the kommune: every activity, venue, referral, guide and
 * statistics cell of the one moves to the other, then the one is deleted, all or nothing. A statistics
 * cell that the target already has (same quarter and outcome) gets the counts added, since the unique
 * cell would refuse a second row and the counts are all that is left of those referrals.
 */
export async function mergeArea(kommuneId: number, fromId: number, intoId: number, actorUserId: string) {
  if (fromId === intoId) return { ok: false as const, field: 'into', reason: 'areas:errors.mergeSelf' };
  const result = await inTransaction(undefined, async (tx) => {
    // Locked in id order, so two merges of the same pair the other way round cannot deadlock.
    const locked = await tx
      .select({ id: s.area.id })
      .from(s.area)
      .where(and(eq(s.area.kommuneId, kommuneId), inArray(s.area.id, [fromId, intoId])))
      .orderBy(asc(s.area.id))
      .for('update');
    if (locked.length !== 2) return { ok: false as const, reason: 'notFound' as const };
    const moved = await areaUses(kommuneId, fromId, tx);
    await tx.update(s.activity).set({ areaId: intoId }).where(eq(s.activity.areaId, fromId));
    await tx.update(s.venue).set({ areaId: intoId }).where(eq(s.venue.areaId, fromId));
    await tx.update(s.referral).set({ areaId: intoId }).where(eq(s.referral.areaId, fromId));
    // A guide who had both keeps the target once.
    await tx
      .update(s.guide)
      .set({ areaIds: sql`(select coalesce(array_agg(distinct x), '{}') from unnest(array_replace(${s.guide.areaIds}, ${fromId}::int, ${intoId}::int)) as x)` })
      .where(sql`${fromId} = any(${s.guide.areaIds})`);
    await tx.execute(sql`
      insert into referral_statistic (kommune_id, quarter, area_id, outcome, count)
      select kommune_id, quarter, ${intoId}, outcome, count from referral_statistic where kommune_id = ${kommuneId} and area_id = ${fromId}
      on conflict (kommune_id, quarter, area_id, outcome) do update set count = referral_statistic.count + excluded.count`);
    await tx.delete(s.referralStatistic).where(and(eq(s.referralStatistic.kommuneId, kommuneId), eq(s.referralStatistic.areaId, fromId)));
    // The dashboard's cells (insight/guide.server.ts) move the same way.
    await tx.execute(sql`
      insert into insight_referral_cell (kommune_id, quarter, area_id, measure, value, count)
      select kommune_id, quarter, ${intoId}, measure, value, count from insight_referral_cell where kommune_id = ${kommuneId} and area_id = ${fromId}
      on conflict (kommune_id, quarter, area_id, measure, value) do update set count = insight_referral_cell.count + excluded.count`);
    await tx.delete(s.insightReferralCell).where(and(eq(s.insightReferralCell.kommuneId, kommuneId), eq(s.insightReferralCell.areaId, fromId)));
    await tx.delete(s.area).where(eq(s.area.id, fromId));
    await audit({ actorUserId, action: 'area.merged', entity: 'area', entityId: String(fromId), detail: { kommuneId, fromId, intoId, moved } }, tx);
    return { ok: true as const, id: intoId, moved };
  });
  forgetPlaces();
  return result;
}

/** Deletes an area nothing uses; one in use is refused with the advice to merge it instead. */
export async function deleteArea(kommuneId: number, id: number, actorUserId: string) {
  const result = await inTransaction(undefined, async (tx) => {
    const [row] = await tx.select({ id: s.area.id }).from(s.area).where(and(eq(s.area.id, id), eq(s.area.kommuneId, kommuneId))).for('update');
    if (!row) return { ok: false as const, reason: 'notFound' as const };
    const uses = await areaUses(kommuneId, id, tx);
    if (!noUses(uses)) return { ok: false as const, reason: 'areas:errors.inUse' as const, uses };
    await tx.delete(s.area).where(eq(s.area.id, id));
    await audit({ actorUserId, action: 'area.deleted', entity: 'area', entityId: String(id), detail: { kommuneId } }, tx);
    return { ok: true as const };
  });
  forgetPlaces();
  return result;
}

/**
 * The editor page: the area (null for a new one), the others it could merge into, and the question
 * the page asks first when `?slaSammen=<id>` (what will move) or `?slett` (whether it can go) is set.
 * Null when the area is not the kommune's.
 */
export async function areaEditorView(kommuneId: number, id: number | null, ask: { mergeInto: string | null; askDelete: boolean }) {
  const area = id === null ? null : await kommuneArea(kommuneId, id);
  if (id !== null && !area) return null;
  const others = area
    ? (await db().select({ id: s.area.id, name: s.area.name }).from(s.area).where(eq(s.area.kommuneId, kommuneId)).orderBy(asc(s.area.name))).filter((o) => o.id !== area.id)
    : [];
  const into = area && ask.mergeInto ? others.find((o) => String(o.id) === ask.mergeInto) : undefined;
  const uses = area && (into || ask.askDelete) ? await areaUses(kommuneId, area.id) : null;
  return {
    area,
    kinds: areaKinds,
    others,
    // Referrals and statistics move too, but their counts are not shown: a small count per area could point at a child.
    merge: into && uses ? { into, uses: { activities: uses.activities, venues: uses.venues, guides: uses.guides } } : null,
    remove: !into && ask.askDelete && uses ? { inUse: !noUses(uses) } : null,
  };
}

const mergeInput = z.object({ into: z.coerce.number().int('areas:errors.mergeInto').positive('areas:errors.mergeInto').max(2_147_483_647, 'areas:errors.mergeInto') });

type ActionResult =
  | { ok: true; done: 'saved' | 'merged' | 'deleted'; id: number | null }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'invalid'; errors: Record<string, string> };

/** The editor's form posts, by `intent`: save (the default), merge, delete. `id` is null for a new area. */
export async function areaAction(kommuneId: number, id: number | null, values: Record<string, string>, actorUserId: string): Promise<ActionResult> {
  const intent = values.intent ?? 'save';
  if (id !== null && (intent === 'merge' || intent === 'delete')) {
    if (!(await kommuneArea(kommuneId, id))) return { ok: false, reason: 'notFound' };
    if (intent === 'delete') {
      const r = await deleteArea(kommuneId, id, actorUserId);
      if (r.ok) return { ok: true, done: 'deleted', id: null };
      return r.reason === 'notFound' ? { ok: false, reason: 'notFound' } : { ok: false, reason: 'invalid', errors: { delete: r.reason } };
    }
    const parsed = mergeInput.safeParse(values);
    if (!parsed.success) return { ok: false, reason: 'invalid', errors: fieldErrors(parsed.error) };
    const r = await mergeArea(kommuneId, id, parsed.data.into, actorUserId);
    if (r.ok) return { ok: true, done: 'merged', id: r.id };
    return { ok: false, reason: 'invalid', errors: { into: r.reason === 'notFound' ? 'areas:errors.mergeInto' : r.reason } };
  }
  const parsed = areaInput.safeParse(values);
  if (!parsed.success) return { ok: false, reason: 'invalid', errors: fieldErrors(parsed.error) };
  const r = id === null ? await createArea(kommuneId, parsed.data, actorUserId) : await updateArea(kommuneId, id, parsed.data, actorUserId);
  return r.ok ? { ok: true, done: 'saved', id: r.id } : { ok: false, reason: 'notFound' };
}
