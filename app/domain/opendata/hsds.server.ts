import { and, asc, count, eq, exists, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { defaultLanguage, languages, type Language } from '../../i18n';
import { getFixedT } from '../../i18n.server';
import { osloDate } from '../../utils/dates';
import { db } from '../../utils/db.server';
import { OPEN_DATA_LICENCE } from '../../utils/open-data.server';
import { loadTranslations, localText } from '../content.server';
import { firstOccurrence } from '../catalogue/ical';
import { isPublic } from '../catalogue/public.server';
import { countyOf } from './counties';
import { nameUuid, recordIdOf, recordUuid } from './stable-uuid.server';

// The published catalogue as Open Referral HSDS 3.0 (docs/decisions/025-hsds-api.md): an activity is a
// service, a club an organization, a venue a location, and an activity at its venue a
// service_at_location. Only what the public sees: published activities that have not expired, and the
// clubs and venues they use. No one's personal data but the contact a club publishes on an activity.

/** The HSDS release whose schemas docs/standards/hsds-3.0 holds. */
export const HSDS_VERSION = '3.0.1';
export const PER_PAGE_DEFAULT = 50;
export const PER_PAGE_MAX = 100;

export const collections = ['services', 'organizations', 'locations', 'service_at_locations'] as const;
export type Collection = (typeof collections)[number];
export const isCollection = (value: unknown): value is Collection => (collections as readonly unknown[]).includes(value);

/** The kind in each record UUID (stable-uuid.server.ts): never change them. */
const kindOf = { services: 'service', organizations: 'organization', locations: 'location', service_at_locations: 'service_at_location' } as const;

const blankIsMissing = (v: unknown) => (v === '' ? undefined : v);
const pageQuery = z.object({
  page: z.preprocess(blankIsMissing, z.coerce.number().int().min(1).max(1_000_000).default(1)),
  // More than the cap is not an error: the answer says the page size it used (`size`, `total_pages`).
  per_page: z.preprocess(blankIsMissing, z.coerce.number().int().min(1).default(PER_PAGE_DEFAULT).transform((n) => Math.min(n, PER_PAGE_MAX))),
  full: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  // As on the pages: a language the portal does not have is read as bokmål.
  lng: z.enum(languages).catch(defaultLanguage),
});
export type HsdsQuery = z.infer<typeof pageQuery>;

export function parseHsdsQuery(params: URLSearchParams): { ok: true; query: HsdsQuery } | { ok: false; field: string; reason: 'invalid' } {
  const raw = Object.fromEntries(['page', 'per_page', 'full', 'lng'].flatMap((k) => (params.has(k) ? [[k, params.get(k)]] : [])));
  const parsed = pageQuery.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, field: String(parsed.error.issues[0]?.path[0] ?? 'query'), reason: 'invalid' };
}

/** The language a single record is asked for in (its address takes no other parameter). */
export const hsdsLanguage = (params: URLSearchParams): Language => pageQuery.shape.lng.parse(params.get('lng') ?? undefined);

// ---------------------------------------------------------------------------------------------------
// Words. Names of categories, cost kinds and languages are the ones the pages show (locales/*/catalogue).

// i18next takes about 0.1 ms for a text with a value in it, which a page of a hundred services feels:
// such texts are worked out once per language and value (ages and hours repeat), or once with a
// placeholder for the amount.
const memo = <A extends (string | number)[]>(fn: (...args: A) => string) => {
  const done = new Map<string, string>();
  return (...args: A) => {
    const key = args.join(' ');
    let text = done.get(key);
    if (text === undefined) done.set(key, (text = fn(...args)));
    return text;
  };
};
const AMOUNT = '\u0001';

async function wordsIn(lng: Language) {
  const t = await getFixedT(lng, 'catalogue');
  const perYear = String(t('cost.perYear', { amount: AMOUNT }));
  return {
    category: memo((code: string) => String(t(`category.${code}`))),
    adaptation: memo((code: string) => String(t(`adaptation.${code}`))),
    costKind: memo((kind: string) => String(t(`costKind.${kind}`))),
    period: memo((period: string) => String(t(`period.${period}`))),
    optional: String(t('cost.optional')),
    dugnadHours: memo((hours: number) => String(t('cost.dugnadHours', { count: hours }))),
    perYear: (kroner: number) => perYear.replace(AMOUNT, String(kroner)),
    free: String(t('cost.free')),
    ageRange: memo((min: number, max: number) => String(t('age.range', { min, max }))),
    gender: memo((gender: string) => String(t(`gender.${gender}`))),
    languageName: memo((code: string) => String(t(`languageName.${code}`, { defaultValue: code }))),
  };
}
type Words = Awaited<ReturnType<typeof wordsIn>>;
type Ctx = { lng: Language; origin: string; words: Words };

const wordsByLanguage = new Map<Language, Promise<Words>>();

async function contextFor(lng: Language, origin: string): Promise<Ctx> {
  let words = wordsByLanguage.get(lng);
  if (!words) {
    words = wordsIn(lng);
    wordsByLanguage.set(lng, words);
    words.catch(() => wordsByLanguage.delete(lng));
  }
  return { lng, origin, words: await words };
}

// ---------------------------------------------------------------------------------------------------
// Rows: only the columns the mapping uses (the activity row also holds search vectors).

const serviceColumns = {
  id: s.activity.id,
  slug: s.activity.slug,
  organisationId: s.activity.organisationId,
  venueId: s.activity.venueId,
  category: s.activity.category,
  categoryOther: s.activity.categoryOther,
  title: s.activity.title,
  description: s.activity.description,
  ageMin: s.activity.ageMin,
  ageMax: s.activity.ageMax,
  gender: s.activity.gender,
  leaderLanguages: s.activity.leaderLanguages,
  adaptations: s.activity.adaptations,
  seasonStart: s.activity.seasonStart,
  seasonEnd: s.activity.seasonEnd,
  contactName: s.activity.contactName,
  contactEmail: s.activity.contactEmail,
  contactPhone: s.activity.contactPhone,
  lastConfirmedAt: s.activity.lastConfirmedAt,
  updatedAt: s.activity.updatedAt,
  totalCostPerYearOre: s.activity.totalCostPerYearOre,
};
const organisationColumns = { id: s.organisation.id, name: s.organisation.name, description: s.organisation.description, website: s.organisation.website, orgnr: s.organisation.orgnr };
const venueColumns = {
  id: s.venue.id, name: s.venue.name, address: s.venue.address, postcode: s.venue.postcode, place: s.venue.place, lat: s.venue.lat, lon: s.venue.lon, stepFree: s.venue.stepFree,
  kommuneName: s.kommune.name, kommuneNumber: s.kommune.number,
};

type ServiceRow = Pick<s.Activity, keyof typeof serviceColumns>;
type OrganisationRow = Pick<s.Organisation, keyof typeof organisationColumns>;
type VenueRow = Pick<s.Venue, 'id' | 'name' | 'address' | 'postcode' | 'place' | 'lat' | 'lon' | 'stepFree'> & { kommuneName: string; kommuneNumber: string };

const publicActivities = (now: Date) => isPublic(now);
/** Clubs and venues appear while at least one public activity uses them. */
const clubInUse = (now: Date) => exists(db().select({ one: sql`1` }).from(s.activity).where(and(eq(s.activity.organisationId, s.organisation.id), publicActivities(now))));
const venueInUse = (now: Date) => exists(db().select({ one: sql`1` }).from(s.activity).where(and(eq(s.activity.venueId, s.venue.id), publicActivities(now))));

// ---------------------------------------------------------------------------------------------------
// Mapping.

const WEEKDAYS = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const emailFormat = z.email();
const httpUrl = z.url({ protocol: /^https?$/ });

/** A club's website as an absolute URL, or nothing: the schema wants a URI, clubs type "www.klubb.no". */
function website(value: string | null) {
  const text = value?.trim();
  if (!text) return undefined;
  for (const candidate of [text, `https://${text}`]) if (httpUrl.safeParse(candidate).success) return new URL(candidate).href;
  return undefined;
}
const email = (value: string | null) => (value && emailFormat.safeParse(value.trim()).success ? value.trim() : undefined);
const hhmm = (time: string | null) => time?.slice(0, 5);
const orNothing = <T>(value: T | null) => value ?? undefined;

function activityUrl(slug: string, ctx: Ctx) {
  return `${ctx.origin}/aktiviteter/${slug}${ctx.lng === defaultLanguage ? '' : `?lng=${ctx.lng}`}`;
}

function organisationBasics(o: OrganisationRow, texts: Record<string, string>, ctx: Ctx) {
  return {
    id: recordUuid(kindOf.organizations, o.id),
    name: o.name,
    // Required by HSDS; many clubs have written none.
    description: localText(o.description ?? '', texts.description, ctx.lng).text,
    website: website(o.website),
    uri: o.orgnr ? `https://data.brreg.no/enhetsregisteret/api/enheter/${o.orgnr}` : undefined,
  };
}

function organisationFull(o: OrganisationRow, texts: Record<string, string>, ctx: Ctx) {
  const basics = organisationBasics(o, texts, ctx);
  return {
    ...basics,
    // NO-BRC: Brønnøysundregistrene's Enhetsregisteret in org-id.guide.
    organization_identifiers: o.orgnr
      ? [{ id: nameUuid(`organization:${o.id}/identifier:NO-BRC`), organization_id: basics.id, identifier_scheme: 'NO-BRC', identifier_type: 'Organisasjonsnummer', identifier: o.orgnr }]
      : [],
  };
}

function locationBasics(v: VenueRow) {
  return { id: recordUuid(kindOf.locations, v.id), location_type: 'physical', name: v.name, latitude: v.lat, longitude: v.lon };
}

function locationFull(v: VenueRow, ctx: Ctx) {
  const basics = locationBasics(v);
  return {
    ...basics,
    addresses: [
      {
        id: nameUuid(`location:${v.id}/address`),
        location_id: basics.id,
        address_1: v.address,
        city: v.place,
        region: v.kommuneName,
        state_province: countyOf(v.kommuneNumber) ?? v.kommuneName,
        postal_code: v.postcode,
        country: 'NO',
        address_type: 'physical',
      },
    ],
    accessibility: v.stepFree ? [{ id: nameUuid(`location:${v.id}/accessibility:step_free`), location_id: basics.id, description: ctx.words.adaptation('step_free') }] : [],
  };
}

/** An activity's one-to-one fields: what the paged list shows, and the start of the full service. */
function serviceBasics(a: ServiceRow, texts: Record<string, string>, ctx: Ctx) {
  const { words } = ctx;
  const eligibility = [words.ageRange(a.ageMin, a.ageMax), ...(a.gender === 'all' ? [] : [words.gender(a.gender)])].join(', ');
  return {
    id: recordUuid(kindOf.services, a.id),
    organization_id: recordUuid(kindOf.organizations, a.organisationId),
    name: localText(a.title, texts.title, ctx.lng).text,
    description: localText(a.description, texts.description, ctx.lng).text,
    url: activityUrl(a.slug, ctx),
    email: email(a.contactEmail),
    status: 'active',
    fees_description: a.totalCostPerYearOre > 0 ? words.perYear(Math.round(a.totalCostPerYearOre / 100)) : words.free,
    eligibility_description: eligibility,
    minimum_age: a.ageMin,
    maximum_age: a.ageMax,
    // The day the club last confirmed the listing, as families see it (Oslo time).
    assured_date: a.lastConfirmedAt ? osloDate(a.lastConfirmedAt) : undefined,
    last_modified: a.updatedAt.toISOString(),
  };
}

type Session = Pick<s.ActivitySession, 'weekday' | 'date' | 'cancelled' | 'startTime' | 'endTime'>;
type Cost = Pick<s.ActivityCost, 'kind' | 'amountOre' | 'period' | 'optional' | 'hours'>;

/**
 * Weekly sessions as RRULE parts through the season, and dated extra sessions as single days. Times are
 * Oslo wall-clock times without an offset: a season runs across the change of summer time, so one UTC
 * offset would be wrong for half of it.
 */
function schedules(a: ServiceRow, sessions: Session[], link: { service_id: string } | { service_at_location_id: string }, prefix: string) {
  const seen = new Map<string, number>();
  const idFor = (key: string) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return nameUuid(`${prefix}/schedule:${key}${n > 1 ? `:${n}` : ''}`);
  };
  const weekly = sessions
    .filter((x) => x.weekday && x.startTime && x.endTime)
    .map((x) => ({
      id: idFor(`${x.weekday}:${hhmm(x.startTime)}-${hhmm(x.endTime)}`),
      ...link,
      valid_from: orNothing(a.seasonStart),
      valid_to: orNothing(a.seasonEnd),
      dtstart: a.seasonStart ? firstOccurrence(a.seasonStart, x.weekday!) : undefined,
      until: orNothing(a.seasonEnd),
      wkst: 'MO',
      freq: 'WEEKLY',
      interval: 1,
      byday: WEEKDAYS[x.weekday!],
      opens_at: hhmm(x.startTime),
      closes_at: hhmm(x.endTime),
    }));
  const dated = sessions
    .filter((x) => !x.weekday && x.date && !x.cancelled && x.startTime && x.endTime)
    .map((x) => ({
      id: idFor(`${x.date}:${hhmm(x.startTime)}-${hhmm(x.endTime)}`),
      ...link,
      valid_from: x.date!,
      valid_to: x.date!,
      dtstart: x.date!,
      opens_at: hhmm(x.startTime),
      closes_at: hhmm(x.endTime),
    }));
  return [...weekly, ...dated];
}

/** One cost option per cost line: money in kroner (NOK), dugnad in hours and without an amount. */
function costOptions(a: ServiceRow, serviceId: string, costs: Cost[], words: Words) {
  const seen = new Map<string, number>();
  return costs.map((c) => {
    const n = (seen.get(c.kind) ?? 0) + 1;
    seen.set(c.kind, n);
    const base = { id: nameUuid(`service:${a.id}/cost:${c.kind}:${n}`), service_id: serviceId, valid_from: orNothing(a.seasonStart), valid_to: orNothing(a.seasonEnd), option: words.costKind(c.kind) };
    const optional = c.optional ? [words.optional] : [];
    if (c.kind === 'dugnad') return { ...base, amount_description: [...(c.hours ? [words.dugnadHours(c.hours)] : []), ...optional].join(', ') || undefined };
    return { ...base, currency: 'NOK', amount: c.amountOre / 100, amount_description: [words.period(c.period), ...optional].join(', ') };
  });
}

/** The category and the adaptations as attributes, each linking a term whose address is the search it stands for. */
function attributes(a: ServiceRow, serviceId: string, ctx: Ctx) {
  const term = (taxonomy: 'kategori' | 'tilrettelagt', code: string, name: string) => ({
    id: nameUuid(`taxonomy_term:${taxonomy}:${code}`),
    code,
    name,
    description: name,
    taxonomy: `fritidsportal:${taxonomy}`,
    taxonomy_id: nameUuid(`taxonomy:${taxonomy}`),
    language: ctx.lng,
    term_uri: `${ctx.origin}/aktiviteter?${taxonomy}=${encodeURIComponent(code)}`,
  });
  const attribute = (taxonomy: 'kategori' | 'tilrettelagt', code: string, name: string, value?: string) => {
    const t = term(taxonomy, code, name);
    return { id: nameUuid(`service:${a.id}/attribute:${taxonomy}:${code}`), link_id: serviceId, link_entity: 'service', link_type: taxonomy, taxonomy_term_id: t.id, value, taxonomy_term: t };
  };
  return [
    // "Annet": the kind in the club's own words is the attribute's value.
    attribute('kategori', a.category, ctx.words.category(a.category), orNothing(a.categoryOther)),
    ...a.adaptations.map((code) => attribute('tilrettelagt', code, ctx.words.adaptation(code))),
  ];
}

function languagesOf(a: ServiceRow, serviceId: string, ctx: Ctx) {
  return a.leaderLanguages.map((code) => ({ id: nameUuid(`service:${a.id}/language:${code}`), service_id: serviceId, name: ctx.words.languageName(code), code }));
}

/** The contact the club publishes on the activity page, and only that. */
function contacts(a: ServiceRow, serviceId: string) {
  if (!a.contactName && !a.contactEmail && !a.contactPhone) return [];
  const id = nameUuid(`service:${a.id}/contact`);
  return [
    {
      id,
      service_id: serviceId,
      name: orNothing(a.contactName),
      email: email(a.contactEmail),
      phones: a.contactPhone ? [{ id: nameUuid(`service:${a.id}/contact/phone`), contact_id: id, number: a.contactPhone }] : [],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Reading.

async function activityTexts(ids: number[], lng: Language) {
  return loadTranslations('activity', ids, lng);
}
async function organisationTexts(ids: number[], lng: Language) {
  return loadTranslations('organisation', [...new Set(ids)], lng);
}

const venuesById = async (ids: number[]) => {
  if (!ids.length) return new Map<number, VenueRow>();
  const rows = await db().select(venueColumns).from(s.venue).innerJoin(s.kommune, eq(s.kommune.id, s.venue.kommuneId)).where(inArray(s.venue.id, [...new Set(ids)]));
  return new Map(rows.map((v) => [v.id, v]));
};

/** Fully nested services for public activities `ids` (in that order); ids that are not public are left out. */
async function fullServices(ids: number[], ctx: Ctx, now: Date) {
  if (!ids.length) return [];
  const rows = await db()
    .select({ activity: serviceColumns, organisation: organisationColumns })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .where(and(inArray(s.activity.id, ids), publicActivities(now)));
  const found = rows.map((r) => r.activity.id);
  const [sessions, costs, texts, orgTexts, venues] = await Promise.all([
    found.length ? db().select().from(s.activitySession).where(inArray(s.activitySession.activityId, found)).orderBy(asc(s.activitySession.weekday), asc(s.activitySession.startTime), asc(s.activitySession.id)) : [],
    found.length ? db().select().from(s.activityCost).where(inArray(s.activityCost.activityId, found)).orderBy(asc(s.activityCost.id)) : [],
    activityTexts(found, ctx.lng),
    organisationTexts(rows.map((r) => r.organisation.id), ctx.lng),
    venuesById(rows.flatMap((r) => (r.activity.venueId ? [r.activity.venueId] : []))),
  ]);
  const byId = new Map(rows.map((r) => [r.activity.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const a = row.activity;
    const basics = serviceBasics(a, texts.get(a.id) ?? {}, ctx);
    const venue = a.venueId ? venues.get(a.venueId) : undefined;
    const own = sessions.filter((x) => x.activityId === a.id);
    return [
      {
        ...basics,
        organization: organisationFull(row.organisation, orgTexts.get(row.organisation.id) ?? {}, ctx),
        schedules: schedules(a, own, { service_id: basics.id }, `service:${a.id}`),
        cost_options: costOptions(a, basics.id, costs.filter((c) => c.activityId === a.id), ctx.words),
        languages: languagesOf(a, basics.id, ctx),
        contacts: contacts(a, basics.id),
        attributes: attributes(a, basics.id, ctx),
        service_at_locations: venue ? [{ id: recordUuid(kindOf.service_at_locations, a.id), service_id: basics.id, location_id: recordUuid(kindOf.locations, venue.id), location: locationFull(venue, ctx) }] : [],
        internal: { row: a, sessions: own },
      },
    ];
  });
}

const withoutInternals = <T extends { internal: unknown }>({ internal: _, ...rest }: T) => rest;

// ---------------------------------------------------------------------------------------------------
// Pages: one count and one page of rows, in id order (a stable order that the primary key serves).

export type HsdsPage = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: unknown[];
};

function envelope(total: number, query: HsdsQuery, contents: unknown[]): HsdsPage {
  const totalPages = Math.ceil(total / query.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const offsetOf = (query: HsdsQuery) => (query.page - 1) * query.per_page;

async function servicesPage(query: HsdsQuery, ctx: Ctx, now: Date) {
  const where = publicActivities(now);
  const [[{ n }], rows] = await Promise.all([
    db().select({ n: count() }).from(s.activity).where(where),
    db()
      .select({ activity: serviceColumns, organisation: organisationColumns })
      .from(s.activity)
      .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
      .where(where)
      .orderBy(asc(s.activity.id))
      .limit(query.per_page)
      .offset(offsetOf(query)),
  ]);
  if (query.full) return envelope(n, query, (await fullServices(rows.map((r) => r.activity.id), ctx, now)).map(withoutInternals));
  const [texts, orgTexts] = await Promise.all([activityTexts(rows.map((r) => r.activity.id), ctx.lng), organisationTexts(rows.map((r) => r.organisation.id), ctx.lng)]);
  // HSDS's list item: the service's one-to-one fields and its organization's.
  const contents = rows.map((r) => ({ ...serviceBasics(r.activity, texts.get(r.activity.id) ?? {}, ctx), organization: organisationBasics(r.organisation, orgTexts.get(r.organisation.id) ?? {}, ctx) }));
  return envelope(n, query, contents);
}

async function organizationsPage(query: HsdsQuery, ctx: Ctx, now: Date) {
  const where = clubInUse(now);
  const [[{ n }], rows] = await Promise.all([
    db().select({ n: count() }).from(s.organisation).where(where),
    db().select(organisationColumns).from(s.organisation).where(where).orderBy(asc(s.organisation.id)).limit(query.per_page).offset(offsetOf(query)),
  ]);
  const texts = await organisationTexts(rows.map((o) => o.id), ctx.lng);
  return envelope(n, query, rows.map((o) => organisationBasics(o, texts.get(o.id) ?? {}, ctx)));
}

async function locationsPage(query: HsdsQuery, ctx: Ctx, now: Date) {
  const where = venueInUse(now);
  const [[{ n }], rows] = await Promise.all([
    db().select({ n: count() }).from(s.venue).where(where),
    db().select(venueColumns).from(s.venue).innerJoin(s.kommune, eq(s.kommune.id, s.venue.kommuneId)).where(where).orderBy(asc(s.venue.id)).limit(query.per_page).offset(offsetOf(query)),
  ]);
  // HSDS 3.0 has no list of locations: each is given whole (its address and step-free access are one-to-one here).
  return envelope(n, query, rows.map((v) => locationFull(v, ctx)));
}

async function serviceAtLocationsPage(query: HsdsQuery, ctx: Ctx, now: Date) {
  const where = and(publicActivities(now), isNotNull(s.activity.venueId));
  const [[{ n }], rows] = await Promise.all([
    db().select({ n: count() }).from(s.activity).where(where),
    db()
      .select({ activity: serviceColumns, venue: venueColumns })
      .from(s.activity)
      .innerJoin(s.venue, eq(s.venue.id, s.activity.venueId))
      .innerJoin(s.kommune, eq(s.kommune.id, s.venue.kommuneId))
      .where(where)
      .orderBy(asc(s.activity.id))
      .limit(query.per_page)
      .offset(offsetOf(query)),
  ]);
  const texts = await activityTexts(rows.map((r) => r.activity.id), ctx.lng);
  const contents = rows.map((r) => {
    const service = serviceBasics(r.activity, texts.get(r.activity.id) ?? {}, ctx);
    const location = locationBasics(r.venue);
    return { id: recordUuid(kindOf.service_at_locations, r.activity.id), service_id: service.id, location_id: location.id, location, service };
  });
  return envelope(n, query, contents);
}

const pages: Record<Collection, (query: HsdsQuery, ctx: Ctx, now: Date) => Promise<HsdsPage>> = {
  services: servicesPage,
  organizations: organizationsPage,
  locations: locationsPage,
  service_at_locations: serviceAtLocationsPage,
};

/** One page of a collection, in the language `query.lng`; absolute links start with `origin`. */
export async function hsdsPage(collection: Collection, query: HsdsQuery, origin: string, now: Date = new Date()) {
  return pages[collection](query, await contextFor(query.lng, origin), now);
}

// ---------------------------------------------------------------------------------------------------
// Single records, by their UUID.

async function serviceById(id: number, ctx: Ctx, now: Date) {
  const [service] = await fullServices([id], ctx, now);
  return service ? withoutInternals(service) : null;
}

async function organizationById(id: number, ctx: Ctx, now: Date) {
  const [org] = await db()
    .select(organisationColumns)
    .from(s.organisation)
    .where(and(eq(s.organisation.id, id), clubInUse(now)));
  if (!org) return null;
  const services = await db().select(serviceColumns).from(s.activity).where(and(eq(s.activity.organisationId, id), publicActivities(now))).orderBy(asc(s.activity.id));
  const [texts, orgTexts] = await Promise.all([activityTexts(services.map((a) => a.id), ctx.lng), organisationTexts([id], ctx.lng)]);
  // "Fully nested organization with service array that contains simple information" (HSDS's API).
  return { ...organisationFull(org, orgTexts.get(id) ?? {}, ctx), services: services.map((a) => serviceBasics(a, texts.get(a.id) ?? {}, ctx)) };
}

async function locationById(id: number, ctx: Ctx, now: Date) {
  const [venue] = await db()
    .select(venueColumns)
    .from(s.venue)
    .innerJoin(s.kommune, eq(s.kommune.id, s.venue.kommuneId))
    .where(and(eq(s.venue.id, id), venueInUse(now)));
  return venue ? locationFull(venue, ctx) : null;
}

async function serviceAtLocationById(id: number, ctx: Ctx, now: Date) {
  const [service] = await fullServices([id], ctx, now);
  const at = service?.service_at_locations[0];
  if (!service || !at) return null;
  const { service_at_locations: _, internal, ...rest } = service;
  return {
    id: at.id,
    service_id: at.service_id,
    location_id: at.location_id,
    schedules: schedules(internal.row, internal.sessions, { service_at_location_id: at.id }, `service_at_location:${id}`),
    location: at.location,
    service: rest,
  };
}

const readers: Record<Collection, (id: number, ctx: Ctx, now: Date) => Promise<object | null>> = {
  services: serviceById,
  organizations: organizationById,
  locations: locationById,
  service_at_locations: serviceAtLocationById,
};

/** One record of a collection by its UUID, or null when there is none that the public may see. */
export async function hsdsRecord(collection: Collection, uuid: string, lng: Language, origin: string, now: Date = new Date()) {
  const id = recordIdOf(kindOf[collection], uuid);
  if (id === null) return null;
  return readers[collection](id, await contextFor(lng, origin), now);
}

// ---------------------------------------------------------------------------------------------------
// The API's root and its description.

export function hsdsRoot(origin: string) {
  return {
    version: HSDS_VERSION,
    openapi_url: `${origin}/api/hsds/openapi.json`,
    license: OPEN_DATA_LICENCE,
  };
}
