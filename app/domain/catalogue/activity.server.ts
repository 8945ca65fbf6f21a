import { and, asc, desc, eq, gte, ne, sql } from 'drizzle-orm';
import * as s from '../../../db/schema/index';
import { db } from '../../utils/db.server';
import { localise, localText, loadTranslations } from '../content.server';
import { costPerYear, optionalCostPerYear, totalCostPerYear } from './cost';
import { isPublic } from './public.server';
import { equipmentField } from './taxonomy';
import { lenderHours, upcomingOpenDays } from './directory.server';
import { schemeInForce } from '../support/schemes.server';
import { openingHoursLine } from './opening-hours';

/** A listing is "old" when nobody has confirmed it for more than a season. */
export const STALE_AFTER_DAYS = 180;

export function isStale(lastConfirmedAt: Date | null, now: Date = new Date()) {
  return !lastConfirmedAt || now.getTime() - lastConfirmedAt.getTime() > STALE_AFTER_DAYS * 24 * 3600 * 1000;
}

type Scheme = Pick<s.SupportScheme, 'id' | 'slug' | 'name' | 'kind' | 'covers' | 'maxAmountOre' | 'howToApply' | 'discreetViaGuide'>;

/** For each cost kind, the schemes linked to the activity that can cover it. */
export function schemesCoveringCosts(costs: Pick<s.ActivityCost, 'kind' | 'amountOre'>[], schemes: Scheme[]) {
  const byKind: Record<string, Scheme[]> = {};
  for (const cost of costs) {
    if (cost.amountOre <= 0) continue;
    byKind[cost.kind] = schemes.filter((sc) => sc.covers.includes(cost.kind));
  }
  return byKind;
}

/** Everything the public activity page shows, or null when it is not public. */
export async function getPublicActivity(slug: string, language: string, now: Date = new Date(), options: { includeUnpublished?: boolean } = {}) {
  const [row] = await db()
    .select({ activity: s.activity, organisation: s.organisation, venue: s.venue, area: s.area, kommune: s.kommune })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .innerJoin(s.kommune, eq(s.kommune.id, s.activity.kommuneId))
    .leftJoin(s.venue, eq(s.venue.id, s.activity.venueId))
    .leftJoin(s.area, eq(s.area.id, s.activity.areaId))
    .where(options.includeUnpublished ? eq(s.activity.slug, slug) : and(eq(s.activity.slug, slug), isPublic(now)));
  if (!row) return null;
  const a = row.activity;
  const [sessions, costs, equipment, support, openDays] = await Promise.all([
    db().select().from(s.activitySession).where(eq(s.activitySession.activityId, a.id)).orderBy(asc(s.activitySession.weekday), asc(s.activitySession.startTime)),
    db().select().from(s.activityCost).where(eq(s.activityCost.activityId, a.id)).orderBy(asc(s.activityCost.id)),
    db()
      .select({ equipment: s.activityEquipment, lender: s.equipmentLender })
      .from(s.activityEquipment)
      .leftJoin(s.equipmentLender, eq(s.equipmentLender.id, s.activityEquipment.lenderId))
      .where(eq(s.activityEquipment.activityId, a.id))
      .orderBy(asc(s.activityEquipment.id)),
    db()
      .select({ link: s.activitySupport, scheme: s.supportScheme })
      .from(s.activitySupport)
      .innerJoin(s.supportScheme, eq(s.supportScheme.id, s.activitySupport.schemeId))
      .where(and(eq(s.activitySupport.activityId, a.id), schemeInForce())),
    upcomingOpenDays(language, { activityId: a.id, from: now, days: 366, limit: 10, includeUnpublished: options.includeUnpublished }),
  ]);
  const translations = (await loadTranslations('activity', [a.id], language)).get(a.id) ?? {};
  const schemes = await localise('support_scheme', support.map((x) => x.scheme), ['name', 'howToApply'], language);
  const schemeSummaries = schemes.map((sc) => ({
    id: sc.id, slug: sc.slug, kind: sc.kind, covers: sc.covers, maxAmountOre: sc.maxAmountOre, discreetViaGuide: sc.discreetViaGuide,
    name: sc.texts.name, howToApply: sc.texts.howToApply,
  }));
  const coveredBy = schemesCoveringCosts(costs, schemes);
  const equipmentRows = equipment.map((e) => e.equipment);
  const hours = await lenderHours(equipment.flatMap((e) => (e.lender ? [e.lender.id] : [])));
  return {
    id: a.id,
    slug: a.slug,
    category: a.category,
    categoryOther: a.categoryOther,
    title: localText(a.title, translations.title, language),
    description: localText(a.description, translations.description, language),
    firstTimeInfo: localText(a.firstTimeInfo, translations.firstTimeInfo, language),
    whatToBring: localText(a.whatToBring, translations.whatToBring, language),
    ageMin: a.ageMin,
    ageMax: a.ageMax,
    gender: a.gender,
    level: a.level,
    leaderLanguages: a.leaderLanguages,
    adaptations: a.adaptations,
    trialSession: a.trialSession,
    dropIn: a.dropIn,
    openForNew: a.openForNew,
    waitingList: !a.openForNew && a.waitingList,
    seasonStart: a.seasonStart,
    seasonEnd: a.seasonEnd,
    contact: { name: a.contactName, email: a.contactEmail, phone: a.contactPhone },
    lastConfirmedAt: a.lastConfirmedAt?.toISOString() ?? null,
    stale: isStale(a.lastConfirmedAt, now),
    organisation: { name: row.organisation.name, slug: row.organisation.slug, website: row.organisation.website },
    kommune: { name: row.kommune.name, slug: row.kommune.slug, number: row.kommune.number },
    area: row.area ? { name: row.area.name, slug: row.area.slug } : null,
    venue: row.venue
      ? { name: row.venue.name, address: row.venue.address, postcode: row.venue.postcode, place: row.venue.place, lat: row.venue.lat, lon: row.venue.lon, stepFree: row.venue.stepFree }
      : null,
    sessions: sessions.filter((x) => x.weekday && x.startTime && x.endTime).map((x) => ({ weekday: x.weekday, start: x.startTime!.slice(0, 5), end: x.endTime!.slice(0, 5) })),
    /** Days in the season without sessions (holidays, breaks), from today on. */
    noSessionDates: sessions.filter((x) => x.cancelled && x.date && x.date >= now.toISOString().slice(0, 10)).map((x) => x.date!).sort(),
    costs: costs.map((c) => ({
      id: c.id, kind: c.kind, amountOre: c.amountOre, period: c.period, optional: c.optional, hours: c.hours,
      perYearOre: costPerYear(c), coveredBy: (coveredBy[c.kind] ?? []).map((x) => x.id),
    })),
    totalPerYearOre: totalCostPerYear(costs, equipmentRows),
    optionalPerYearOre: optionalCostPerYear(costs),
    mustBuyOre: totalCostPerYear([], equipmentRows),
    equipment: equipment.map(({ equipment: e, lender }) => ({
      id: e.id, item: localText(e.item, translations[equipmentField(e.item)], language), required: e.required, source: e.source, typicalPriceOre: e.typicalPriceOre,
      lender: lender ? { name: lender.name, slug: lender.slug, address: lender.address, openingHours: openingHoursLine(hours.get(lender.id) ?? [], language), url: lender.url } : null,
    })),
    schemes: schemeSummaries,
    freePlaces: support.reduce((n, x) => n + x.link.freePlacesPerSeason, 0),
    openDays,
  };
}

export type PublicActivity = NonNullable<Awaited<ReturnType<typeof getPublicActivity>>>;

export async function activitiesOfOrganisation(organisationId: number, language: string) {
  const rows = await db()
    .select({ id: s.activity.id, slug: s.activity.slug, title: s.activity.title, category: s.activity.category, ageMin: s.activity.ageMin, ageMax: s.activity.ageMax, totalCostPerYearOre: s.activity.totalCostPerYearOre })
    .from(s.activity)
    .where(and(eq(s.activity.organisationId, organisationId), isPublic()))
    .orderBy(asc(s.activity.title));
  return localise('activity', rows, ['title'], language);
}

export async function getPublicOrganisation(slug: string, language: string) {
  const [org] = await db()
    .select({ organisation: s.organisation, kommune: s.kommune })
    .from(s.organisation)
    .innerJoin(s.kommune, eq(s.kommune.id, s.organisation.kommuneId))
    .where(and(eq(s.organisation.slug, slug), eq(s.organisation.status, 'approved')));
  if (!org) return null;
  const [localised] = await localise('organisation', [org.organisation], ['description'], language);
  return {
    name: org.organisation.name,
    slug: org.organisation.slug,
    kind: org.organisation.kind,
    description: localised.texts.description,
    contactEmail: org.organisation.contactEmail,
    contactPhone: org.organisation.contactPhone,
    website: org.organisation.website,
    kommune: org.kommune.name,
    activities: await activitiesOfOrganisation(org.organisation.id, language),
  };
}


/**
 * What to do instead when an activity takes no new members and keeps no waiting list: others of the same
 * category in the same kommune that do, nearest to its venue first.
 */
export async function similarOpenActivities(of: { id: number; category: string; kommuneSlug: string; lat?: number | null; lon?: number | null }, language: string, now: Date = new Date(), limit = 4) {
  const distance =
    of.lat != null && of.lon != null
      ? sql<number | null>`(6371 * sqrt(power(radians(${s.venue.lat} - ${of.lat}), 2) + power(radians(${s.venue.lon} - ${of.lon}) * cos(radians(${of.lat})), 2)))`
      : sql<number | null>`null::float8`;
  const rows = await db()
    .select({ id: s.activity.id, slug: s.activity.slug, title: s.activity.title, organisationName: s.organisation.name, place: s.venue.place, distanceKm: distance })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .innerJoin(s.kommune, eq(s.kommune.id, s.activity.kommuneId))
    .leftJoin(s.venue, eq(s.venue.id, s.activity.venueId))
    .where(and(isPublic(now), eq(s.activity.openForNew, true), eq(s.activity.category, of.category), eq(s.kommune.slug, of.kommuneSlug), ne(s.activity.id, of.id)))
    .orderBy(sql`${distance} asc nulls last`, desc(s.activity.lastConfirmedAt), asc(s.activity.id))
    .limit(limit);
  const localised = await localise('activity', rows, ['title'], language);
  return localised.map((r) => ({ id: r.id, slug: r.slug, title: r.texts.title, organisationName: r.organisationName, place: r.place, distanceKm: r.distanceKm === null ? null : Number(r.distanceKm) }));
}
