import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import type { Executor } from '../../utils/transaction.server';
import { localise } from '../content.server';
import { isPublic } from './public.server';
import { openingDays, type OpeningRow } from './opening-hours';

/** The opening rows of some lenders, in one query: lender id → rows. */
export async function lenderHours(lenderIds: number[]) {
  const map = new Map<number, OpeningRow[]>();
  if (!lenderIds.length) return map;
  const rows = await db()
    .select({ lenderId: s.equipmentLenderHours.lenderId, weekday: s.equipmentLenderHours.weekday, opensAt: s.equipmentLenderHours.opensAt, closesAt: s.equipmentLenderHours.closesAt })
    .from(s.equipmentLenderHours)
    .where(inArray(s.equipmentLenderHours.lenderId, [...new Set(lenderIds)]))
    .orderBy(asc(s.equipmentLenderHours.weekday), asc(s.equipmentLenderHours.opensAt));
  for (const { lenderId, ...row } of rows) map.set(lenderId, [...(map.get(lenderId) ?? []), row]);
  return map;
}

/** The items of some lenders, in their order: lender id → names. */
export async function lenderItems(lenderIds: number[], executor: Executor = db()) {
  const map = new Map<number, string[]>();
  if (!lenderIds.length) return map;
  const rows = await executor
    .select({ lenderId: s.equipmentLenderItem.lenderId, name: s.equipmentLenderItem.name })
    .from(s.equipmentLenderItem)
    .where(inArray(s.equipmentLenderItem.lenderId, [...new Set(lenderIds)]))
    .orderBy(asc(s.equipmentLenderItem.lenderId), asc(s.equipmentLenderItem.position));
  for (const r of rows) map.set(r.lenderId, [...(map.get(r.lenderId) ?? []), r.name]);
  return map;
}

/**
 * The rows of an activity's equipment that name a lender outside the kommune (`equipment.<i>.lenderId`):
 * a club borrows from its own kommune's lenders only. Empty when every lender is the kommune's.
 */
export async function foreignLenderFields(kommuneId: number, equipment: { source: string | null; lenderId: number | null }[], executor: Executor = db()) {
  const named = [...new Set(equipment.flatMap((e) => (e.source === 'lend' && e.lenderId ? [e.lenderId] : [])))];
  if (!named.length) return [];
  const own = new Set(
    (await executor.select({ id: s.equipmentLender.id }).from(s.equipmentLender).where(and(inArray(s.equipmentLender.id, named), eq(s.equipmentLender.kommuneId, kommuneId)))).map((r) => r.id),
  );
  return equipment.flatMap((e, i) => (e.source === 'lend' && e.lenderId && !own.has(e.lenderId) ? [`equipment.${i}.lenderId`] : []));
}

/** Equipment lenders (BUA / utstyrssentral), per kommune. */
export async function publicLenders(language: string, kommuneSlug?: string) {
  const base = db()
    .select({ lender: s.equipmentLender, kommune: { name: s.kommune.name, slug: s.kommune.slug } })
    .from(s.equipmentLender)
    .innerJoin(s.kommune, eq(s.kommune.id, s.equipmentLender.kommuneId))
    .orderBy(asc(s.kommune.name), asc(s.equipmentLender.name));
  const rows = kommuneSlug ? await base.where(eq(s.kommune.slug, kommuneSlug)) : await base;
  const [localised, hours] = await Promise.all([localise('equipment_lender', rows.map((r) => r.lender), ['lends'], language), lenderHours(rows.map((r) => r.lender.id))]);
  return localised.map((l, i) => ({
    id: l.id, slug: l.slug, name: l.name, address: l.address, lat: l.lat, lon: l.lon, url: l.url, contactEmail: l.contactEmail, contactPhone: l.contactPhone, kommune: rows[i].kommune, texts: l.texts,
    hours: openingDays(hours.get(l.id) ?? [], language),
  }));
}

/**
 * Open days and trial sessions not yet over, soonest first, with their texts in the reader's language:
 * the one reader for /apne-dager, the activity page, its JSON-LD and its calendar.
 */
export async function upcomingOpenDays(language: string, options: { from?: Date; days?: number; kommuneSlug?: string; activityId?: number; limit?: number; includeUnpublished?: boolean } = {}) {
  const from = options.from ?? new Date();
  const until = new Date(from.getTime() + (options.days ?? 60) * 24 * 3600 * 1000);
  const conditions = [gte(s.openDay.endsAt, from), lte(s.openDay.startsAt, until)];
  // The club's preview of a draft shows its open days too.
  if (!options.includeUnpublished) conditions.push(isPublic(from));
  if (options.kommuneSlug) conditions.push(eq(s.kommune.slug, options.kommuneSlug));
  if (options.activityId) conditions.push(eq(s.openDay.activityId, options.activityId));
  const rows = await db()
    .select({
      id: s.openDay.id,
      kind: s.openDay.kind,
      title: s.openDay.title,
      description: s.openDay.description,
      startsAt: s.openDay.startsAt,
      endsAt: s.openDay.endsAt,
      activitySlug: s.activity.slug,
      activityTitle: s.activity.title,
      organisation: s.organisation.name,
      venue: s.venue.name,
      address: s.venue.address,
      postcode: s.venue.postcode,
      place: s.venue.place,
      kommune: s.kommune.name,
    })
    .from(s.openDay)
    .innerJoin(s.activity, eq(s.activity.id, s.openDay.activityId))
    .innerJoin(s.organisation, eq(s.organisation.id, s.openDay.organisationId))
    .innerJoin(s.kommune, eq(s.kommune.id, s.openDay.kommuneId))
    .leftJoin(s.venue, eq(s.venue.id, s.openDay.venueId))
    .where(and(...conditions))
    .orderBy(asc(s.openDay.startsAt))
    .limit(options.limit ?? 200);
  const localised = await localise('open_day', rows, ['title', 'description'], language);
  return localised.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
}

export type UpcomingOpenDay = Awaited<ReturnType<typeof upcomingOpenDays>>[number];
