import { sql } from 'drizzle-orm';
import { CONFIRMATION_VALID_DAYS, derivedActivityFields } from '../app/domain/catalogue/derived';
import { isoWeekday } from '../app/domain/catalogue/schedule';
import { categories, OTHER_CATEGORY, type Category, equipmentField } from '../app/domain/catalogue/taxonomy';
import { reindexActivityTranslations } from '../app/domain/catalogue/translation-index.server';
import arCatalogue from '../locales/ar/catalogue.json';
import enCatalogue from '../locales/en/catalogue.json';
import soCatalogue from '../locales/so/catalogue.json';
import { openDatabase, type DatabaseHandle } from './client';
import { migrateDatabase } from './roles';
import { createRandom, slugify, type Random } from './random';
import * as s from './schema/index';
import { categoryContent, demoKommuner, demoLenders, demoOrganisations, demoSchemes, demoTranslations, lenderLends, venueKinds, demoEquipmentTranslations, demoSchemeTranslations } from './seed-data';

type Db = DatabaseHandle['db'];

const scaleLabels: [string, Record<string, string>][] = [
  ['en', enCatalogue.category],
  ['ar', arCatalogue.category],
  ['so', soCatalogue.category],
];
const kr = (n: number) => Math.round(n * 100);
const day = 24 * 3600 * 1000;
const extraLanguages = ['en', 'ar', 'so', 'pl', 'uk', 'ti', 'ur', 'lt', 'se'] as const;
const ageGroups: [number, number][] = [[6, 8], [9, 12], [13, 16], [10, 18], [6, 12], [13, 18], [8, 10], [11, 14], [6, 18]];
const adaptationCodes = ['disability', 'sensory', 'small_groups', 'assistant_welcome'] as const;

export async function isEmpty(db: Db) {
  const rows = await db.select({ id: s.kommune.id }).from(s.kommune).limit(1);
  return rows.length === 0;
}

/**
 * The usual breaks of a season starting in `year`, as days without sessions: each session day in the
 * autumn holiday (ISO week 40) and in the Christmas holiday (22 December to 1 January). Only days the
 * activity meets on, so every day the page announces cancels a session.
 */
export function breakDays(year: number, weekdays: readonly number[]) {
  const day0 = (iso: string) => new Date(`${iso}T12:00:00Z`).getTime();
  const jan4 = day0(`${year}-01-04`);
  const week40 = jan4 - (isoWeekday(`${year}-01-04`) - 1) * day + 39 * 7 * day;
  const christmas = day0(`${year}-12-22`);
  const days = [
    ...Array.from({ length: 7 }, (_, i) => week40 + i * day),
    ...Array.from({ length: 11 }, (_, i) => christmas + i * day),
  ].map((t) => new Date(t).toISOString().slice(0, 10));
  return days.filter((d) => weekdays.includes(isoWeekday(d)));
}

/** The season a date falls in: mid-August to mid-June. */
export function seasonOf(now: Date) {
  const year = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { start: `${year}-08-15`, end: `${year + 1}-06-15` };
}

interface Geo {
  kommuner: Map<string, s.Kommune>;
  areas: Map<string, s.Area & { postcode: string }>;
  venues: s.Venue[];
  lenders: Map<number, s.EquipmentLender>;
  schemes: s.SupportScheme[];
}

async function seedGeography(db: Db, rnd: Random): Promise<Geo> {
  const kommuner = new Map<string, s.Kommune>();
  const areas = new Map<string, s.Area & { postcode: string }>();
  const venueRows: s.NewVenue[] = [];
  for (const k of demoKommuner) {
    const p = k.privacy;
    const privacy = p ? { privacyController: p.controller, privacyOfficerName: p.officerName, privacyOfficerEmail: p.officerEmail, privacyOfficerPhone: p.officerPhone } : {};
    const [row] = await db.insert(s.kommune).values({ number: k.number, name: k.name, slug: k.slug, ...privacy }).returning();
    kommuner.set(k.slug, row);
    for (const a of k.areas) {
      const [arow] = await db
        .insert(s.area)
        .values({ kommuneId: row.id, name: a.name, slug: a.slug, lat: a.lat, lon: a.lon, kind: 'tettsted' })
        .returning();
      areas.set(a.slug, { ...arow, postcode: a.postcode });
      for (const [i, v] of rnd.sample(venueKinds, 2).entries()) {
        venueRows.push({
          kommuneId: row.id,
          areaId: arow.id,
          name: `${a.name} ${v.suffix}`,
          address: `${v.street} ${rnd.int(1, 40)}`,
          postcode: a.postcode,
          place: a.name,
          lat: a.lat + (i === 0 ? 0.004 : -0.003) + rnd.next() * 0.002,
          lon: a.lon + (i === 0 ? -0.005 : 0.006) + rnd.next() * 0.002,
          stepFree: rnd.chance(0.6),
        });
      }
    }
  }
  const venues = await db.insert(s.venue).values(venueRows).returning();
  const lenders = new Map<number, s.EquipmentLender>();
  for (const l of demoLenders) {
    const k = kommuner.get(l.kommune)!;
    const a = areas.get(l.area)!;
    const [row] = await db
      .insert(s.equipmentLender)
      .values({ kommuneId: k.id, slug: l.slug, name: l.name, address: l.address, lat: a.lat + 0.001, lon: a.lon + 0.001, lends: l.lends, url: null })
      .returning();
    await db.insert(s.equipmentLenderHours).values(l.hours.map(([weekday, opensAt, closesAt]) => ({ lenderId: row.id, weekday, opensAt, closesAt })));
    // The items as the kommune admin's editor keeps them; `lends` above is the same list joined.
    await db.insert(s.equipmentLenderItem).values(l.lends.split(',').map((name, position) => ({ lenderId: row.id, name: name.trim(), position })));
    lenders.set(k.id, row);
  }
  const schemeRows: s.NewSupportScheme[] = demoSchemes.map((d) => ({
    kommuneId: kommuner.get(d.kommune)!.id,
    slug: d.slug,
    kind: d.kind as s.SupportScheme['kind'],
    name: d.name,
    description: d.description,
    whoCanGet: d.whoCanGet,
    howToApply: d.howToApply,
    covers: d.covers,
    maxAmountOre: d.maxKr === null ? null : kr(d.maxKr),
    discreetViaGuide: true,
  }));
  // Every kommune offers free places through guides.
  for (const k of kommuner.values()) {
    if (!schemeRows.some((r) => r.kommuneId === k.id && r.kind === 'free_place')) {
      schemeRows.push({
        kommuneId: k.id, slug: 'friplass', kind: 'free_place', name: `Friplass i klubb – ${k.name}`,
        description: 'Noen klubber holder av gratis plasser. Fritidsguiden fordeler dem uten at klubben vet hvem som får.',
        whoCanGet: 'Barn som får hjelp av en fritidsguide.', howToApply: 'Be om en fritidsguide.',
        covers: ['membership', 'training_fee', 'licence', 'uniform', 'trips'], maxAmountOre: null, discreetViaGuide: true,
      });
    }
  }
  // The demo's schemes are in force: published, with no end date.
  const schemes = await db.insert(s.supportScheme).values(schemeRows.map((r) => ({ ...r, publishedAt: new Date() }))).returning();
  return { kommuner, areas, venues, lenders, schemes };
}

interface ActivitySpec {
  org: s.Organisation;
  orgName: string;
  category: Category;
  title: string;
  venue: s.Venue;
  ages: [number, number];
}

/** Builds an activity and its child rows; shared by the demo seed, SEED_SCALE and the test factories. */
export function buildActivity(spec: ActivitySpec, geo: Geo, rnd: Random, now: Date, slug: string) {
  const content = categoryContent[spec.category];
  const free = spec.category === 'fritidsklubb' || (spec.category === 'sjakk' && rnd.chance(0.5)) || rnd.chance(0.08);
  const costs: Omit<s.NewActivityCost, 'activityId'>[] = free
    ? content.costs.filter(([, , , optional]) => optional).map(([kind, amount, period, optional]) => ({ kind: kind as never, amountOre: kr(amount), period: period as never, optional }))
    : content.costs.map(([kind, amount, period, optional]) => ({
        kind: kind as never,
        amountOre: kind === 'dugnad' ? 0 : kr(Math.round((amount * (0.8 + rnd.next() * 0.5)) / 10) * 10),
        period: period as never,
        optional,
        hours: kind === 'dugnad' ? rnd.int(4, 12) : null,
      }));
  const lender = geo.lenders.get(spec.org.kommuneId) ?? null;
  const equipment: Omit<s.NewActivityEquipment, 'activityId'>[] = content.equipment.map(([item, required, source, price]) => ({
    // Sent to the kommune's lender only for what it lends; anything else the club lends itself.
    item, required, source, lenderId: source === 'lend' && lender && lenderLends(lender.lends, item) ? lender.id : null, typicalPriceOre: price ? kr(price) : null,
  }));
  const kommuneSchemes = geo.schemes.filter((x) => x.kommuneId === spec.org.kommuneId);
  const costKinds = new Set(costs.filter((c) => (c.amountOre ?? 0) > 0).map((c) => c.kind as string));
  const support = kommuneSchemes
    .filter((x) => x.kind !== 'free_place' && x.covers.some((k) => costKinds.has(k)))
    .map((x) => ({ schemeId: x.id, freePlacesPerSeason: 0 }));
  const freePlaceScheme = kommuneSchemes.find((x) => x.kind === 'free_place');
  const freePlaces = !free && freePlaceScheme && rnd.chance(0.35) ? rnd.int(1, 3) : 0;
  if (freePlaces && freePlaceScheme) support.push({ schemeId: freePlaceScheme.id, freePlacesPerSeason: freePlaces });
  const season = seasonOf(now);
  const confirmedDaysAgo = rnd.chance(0.06) ? rnd.int(250, 330) : rnd.int(0, 120);
  const lastConfirmedAt = new Date(now.getTime() - confirmedDaysAgo * day);
  const languages = ['nb', ...extraLanguages.filter(() => rnd.chance(0.12))];
  const adaptations = [
    ...(spec.venue.stepFree ? ['step_free'] : []),
    ...adaptationCodes.filter(() => rnd.chance(0.15)),
  ];
  const weekdayCount = spec.category === 'fritidsklubb' ? 3 : rnd.chance(0.4) ? 2 : 1;
  const days = rnd.sample([1, 2, 3, 4, 5, 6], weekdayCount).sort();
  const startHour = spec.category === 'fritidsklubb' ? 15 : rnd.int(16, 19);
  const sessions = days.map((weekday) => ({
    weekday,
    startTime: `${String(startHour).padStart(2, '0')}:${rnd.pick(['00', '15', '30'])}`,
    endTime: `${String(startHour + (spec.category === 'fritidsklubb' ? 3 : 1)).padStart(2, '0')}:${rnd.pick(['00', '30'])}`,
  }));
  const breaks = breakDays(Number(season.start.slice(0, 4)), days).map((date) => ({ date, cancelled: true }));
  const categoryOther = spec.category === OTHER_CATEGORY ? (content.kind ?? null) : null;
  const derived = derivedActivityFields({
    title: spec.title, category: spec.category, categoryOther, organisationName: spec.orgName, costs: costs as never, equipment: equipment as never,
    freePlaces, supportSchemes: support.length,
  });
  const gender = spec.title.includes('jenter') || spec.title.includes('Jentekveld') ? 'girls' : spec.title.includes('gutter') ? 'boys' : 'all';
  const activityRow: s.NewActivity = {
    slug,
    organisationId: spec.org.id,
    venueId: spec.venue.id,
    kommuneId: spec.org.kommuneId,
    areaId: spec.venue.areaId,
    category: spec.category,
    categoryOther,
    title: spec.title,
    description: content.description,
    firstTimeInfo: content.firstTime,
    whatToBring: content.bring,
    ageMin: spec.ages[0],
    ageMax: spec.ages[1],
    gender,
    level: spec.title.toLowerCase().includes('nybegynner') || spec.title.includes('skole') ? 'beginner' : rnd.pick(['all', 'all', 'beginner', 'experienced'] as const),
    leaderLanguages: languages,
    adaptations,
    trialSession: rnd.chance(0.55),
    dropIn: spec.category === 'fritidsklubb' || spec.category === 'sjakk' || rnd.chance(0.1),
    capacity: rnd.int(12, 30),
    openForNew: rnd.chance(0.88),
    seasonStart: season.start,
    seasonEnd: season.end,
    contactName: `${rnd.pick(['Kari', 'Ola', 'Amina', 'Jonas', 'Sara', 'Ali', 'Ingrid', 'Piotr', 'Hodan', 'Lars'])} ${rnd.pick(['Eksempelsen', 'Demostad', 'Prøvesen', 'Testrud'])}`,
    contactEmail: `post@${slugify(spec.orgName)}.example`,
    contactPhone: `+47 400 ${rnd.int(10, 99)} ${rnd.int(100, 999)}`,
    status: 'published',
    lastConfirmedAt,
    expiresAt: new Date(lastConfirmedAt.getTime() + CONFIRMATION_VALID_DAYS * day),
    ...derived,
  };
  // Not drawn from `rnd`, so the rest of the demo data stays as it was: about half of the activities
  // that are full keep a waiting list.
  activityRow.waitingList = !activityRow.openForNew && slug.length % 2 === 0;
  return { activity: activityRow, costs, equipment, sessions: [...sessions, ...breaks], support };
}

type Built = ReturnType<typeof buildActivity>;

/** Inserts built activities and their child rows with a few multi-row statements per chunk. */
export async function insertActivities(db: Db, built: Built[], chunk = 500) {
  const ids: number[] = [];
  for (let i = 0; i < built.length; i += chunk) {
    const part = built.slice(i, i + chunk);
    const rows = await db.insert(s.activity).values(part.map((b) => b.activity)).returning({ id: s.activity.id });
    const costRows = part.flatMap((b, j) => b.costs.map((c) => ({ ...c, activityId: rows[j].id })));
    const equipRows = part.flatMap((b, j) => b.equipment.map((e) => ({ ...e, activityId: rows[j].id })));
    const sessionRows = part.flatMap((b, j) => b.sessions.map((x) => ({ ...x, activityId: rows[j].id })));
    const supportRows = part.flatMap((b, j) => b.support.map((x) => ({ ...x, activityId: rows[j].id })));
    if (costRows.length) await db.insert(s.activityCost).values(costRows as s.NewActivityCost[]);
    if (equipRows.length) await db.insert(s.activityEquipment).values(equipRows as s.NewActivityEquipment[]);
    if (sessionRows.length) await db.insert(s.activitySession).values(sessionRows);
    if (supportRows.length) await db.insert(s.activitySupport).values(supportRows);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function seedDemo(handle: DatabaseHandle, options: { now?: Date; scale?: number } = {}) {
  const db = handle.db;
  const now = options.now ?? new Date();
  const rnd = createRandom(2016);
  const geo = await seedGeography(db, rnd);

  const orgRows: s.NewOrganisation[] = demoOrganisations.map(([name, kind, kommune]) => ({
    kommuneId: geo.kommuner.get(kommune)!.id,
    slug: slugify(name),
    name,
    kind,
    description: `${name} er en frivillig organisasjon for barn og unge. Alle er velkomne.`,
    contactEmail: `post@${slugify(name)}.example`,
    contactPhone: `+47 900 ${rnd.int(10, 99)} ${rnd.int(100, 999)}`,
    status: 'approved',
    verifiedAt: new Date(now.getTime() - 400 * day),
    orgnr: null,
  }));
  const orgs = await db.insert(s.organisation).values(orgRows).returning();

  const built: Built[] = [];
  const slugs = new Set<string>();
  const uniqueSlug = (base: string) => {
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    return slug;
  };
  for (const [i, [name, , , areaSlug, cats]] of demoOrganisations.entries()) {
    const org = orgs[i];
    const area = geo.areas.get(areaSlug)!;
    const venues = geo.venues.filter((v) => v.areaId === area.id);
    for (const category of cats) {
      const content = categoryContent[category];
      const count = Math.max(2, Math.ceil(4 / cats.length) + (cats.length === 1 ? 1 : 0));
      for (let n = 0; n < Math.min(count, content.titles.length + 1); n++) {
        const title = content.titles[n % content.titles.length];
        const ages = ageGroups[(i + n * 3) % ageGroups.length];
        built.push(buildActivity({ org, orgName: name, category, title, venue: rnd.pick(venues), ages }, geo, rnd, now, uniqueSlug(slugify(`${title} ${name}`))));
      }
    }
  }
  const activityIds = await insertActivities(db, built);

  // Open days and trial sessions over the coming eight weeks.
  const openDays: s.NewOpenDay[] = [];
  built.forEach((b, i) => {
    if (!b.activity.trialSession || i % 4 !== 0) return;
    const start = new Date(now.getTime() + ((i * 7) % 56 + 1) * day);
    start.setUTCHours(15, 0, 0, 0);
    openDays.push({
      kommuneId: b.activity.kommuneId, organisationId: b.activity.organisationId, activityId: activityIds[i], venueId: b.activity.venueId,
      title: `Åpen dag: ${b.activity.title}`, description: 'Kom og prøv gratis. Ta gjerne med en venn eller en voksen.',
      startsAt: start, endsAt: new Date(start.getTime() + 2 * 3600 * 1000),
    });
  });
  if (openDays.length) await db.insert(s.openDay).values(openDays);

  const translations: s.NewTranslation[] = [];
  for (const t of demoTranslations) {
    // Translate a listing that is public now, so the demo shows the translation.
    const idx = built.findIndex((b) => b.activity.title.startsWith(t.titleStartsWith) && (b.activity.expiresAt as Date) > now);
    if (idx < 0) continue;
    translations.push(
      { entity: 'activity', entityId: activityIds[idx], field: 'title', language: t.language, text: t.title, source: 'club' },
      { entity: 'activity', entityId: activityIds[idx], field: 'description', language: t.language, text: t.description, source: 'club' },
    );
  }
  // Equipment on the same translated listings, in the same language (some items left in bokmål).
  for (const t of demoTranslations) {
    const idx = built.findIndex((b) => b.activity.title.startsWith(t.titleStartsWith) && (b.activity.expiresAt as Date) > now);
    if (idx < 0) continue;
    for (const item of new Set(built[idx].equipment.map((e) => e.item))) {
      const text = demoEquipmentTranslations[item]?.[t.language];
      if (text) translations.push({ entity: 'activity', entityId: activityIds[idx], field: equipmentField(item), language: t.language, text, source: 'club' });
    }
  }
  for (const scheme of geo.schemes) {
    const kommune = [...geo.kommuner.values()].find((k) => k.id === scheme.kommuneId)!;
    for (const [language, texts] of Object.entries(demoSchemeTranslations[`${kommune.slug}/${scheme.slug}`] ?? {})) {
      for (const [field, text] of Object.entries(texts)) translations.push({ entity: 'support_scheme', entityId: scheme.id, field, language, text, source: 'club' });
    }
  }
  if (translations.length) await db.insert(s.translation).values(translations);
  await reindexActivityTranslations(db, [...new Set(translations.map((t) => t.entityId))]);

  await seedDemoUsers(handle, orgs);
  if (options.scale) await seedScale(handle, options.scale, { now, geo, orgs });
  return { activities: built.length + (options.scale ?? 0), organisations: orgs.length };
}

export const DEMO_PASSWORD = 'demo-passord-2026';
/** The demo users' TOTP secret (base32), so the second factor can be tried; /dev/epost shows the code. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const demoUsers = [
  { email: 'kommune@demo.fritidsportal.example', name: 'Kari Kommunesen (demo)', kommuneRole: 'kommune_admin' },
  { email: 'koordinator@demo.fritidsportal.example', name: 'Kim Koordinatorsen (demo)', kommuneRole: 'coordinator' },
  { email: 'henviser@demo.fritidsportal.example', name: 'Hanne Henvisersen (demo)', kommuneRole: 'referrer' },
  { email: 'guide@demo.fritidsportal.example', name: 'Amina Guidesen (demo)', kommuneRole: 'guide' },
  { email: 'guide2@demo.fritidsportal.example', name: 'Piotr Veiledersen (demo)', kommuneRole: 'guide' },
  { email: 'klubbleder@demo.fritidsportal.example', name: 'Ola Klubbledersen (demo)', organisationRole: 'club_admin' },
  { email: 'redaktor@demo.fritidsportal.example', name: 'Rita Redaktørsen (demo)', organisationRole: 'club_editor' },
] as const;

/** One demo user per role in Modum and its first club. Demo mode only: refused in production. */
async function seedDemoUsers(handle: DatabaseHandle, orgs: s.Organisation[]) {
  const { hashPassword } = await import('../app/domain/auth/password.server');
  const { encrypt } = await import('../app/utils/crypto.server');
  const { env } = await import('../app/utils/env.server');
  if (env().isProduction) return;
  const db = handle.db;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [modum] = await db.select().from(s.kommune).where(sql`${s.kommune.slug} = 'modum'`);
  const club = orgs.find((o) => o.kommuneId === modum.id)!;
  for (const d of demoUsers) {
    const needsTotp = 'kommuneRole' in d && d.kommuneRole !== 'referrer';
    const [u] = await db
      .insert(s.user)
      .values({ email: d.email, name: d.name, passwordHash, isDemo: true, emailVerifiedAt: new Date(), totpSecret: needsTotp ? encrypt(DEMO_TOTP_SECRET) : null, totpEnabledAt: needsTotp ? new Date() : null })
      .returning();
    if ('organisationRole' in d) await db.insert(s.organisationMember).values({ userId: u.id, organisationId: club.id, role: d.organisationRole });
    else await db.insert(s.kommuneMember).values({ userId: u.id, kommuneId: modum.id, role: d.kommuneRole });
    if ('kommuneRole' in d && d.kommuneRole === 'guide') {
      const areas = await db.select().from(s.area).where(sql`${s.area.kommuneId} = ${modum.id}`);
      const arabic = d.email.startsWith('guide@');
      await db.insert(s.guide).values({
        userId: u.id, kommuneId: modum.id, volunteer: !arabic, gender: arabic ? 'female' : 'male',
        languages: arabic ? ['nb', 'ar', 'so'] : ['nb', 'pl', 'en'],
        areaIds: areas.filter((a) => (arabic ? ['vikersund', 'amot'] : ['geithus', 'skotselv']).includes(a.slug)).map((a) => a.id),
        interests: arabic ? ['fotball', 'dans', 'svomming'] : ['ski', 'sjakk'], capacity: 6,
        politiattestVerifiedAt: new Date(), confidentialitySignedAt: new Date(),
      });
    }
  }
}

/** Adds `count` generated activities to a database that already holds the demo region. */
export async function addScaleActivities(handle: DatabaseHandle, count: number, now: Date = new Date()) {
  const db = handle.db;
  const [kommuner, areas, venues, lenders, schemes, orgs] = await Promise.all([
    db.select().from(s.kommune),
    db.select().from(s.area),
    db.select().from(s.venue),
    db.select().from(s.equipmentLender),
    db.select().from(s.supportScheme),
    db.select().from(s.organisation),
  ]);
  const geo: Geo = {
    kommuner: new Map(kommuner.map((k) => [k.slug, k])),
    areas: new Map(areas.map((a) => [a.slug, { ...a, postcode: '' }])),
    venues,
    lenders: new Map(lenders.map((l) => [l.kommuneId, l])),
    schemes,
  };
  await seedScale(handle, count, { now, geo, orgs });
}

/** Adds `count` generated activities (and one organisation per five) for load tests. */
export async function seedScale(handle: DatabaseHandle, count: number, ctx: { now: Date; geo: Geo; orgs: s.Organisation[] }) {
  const db = handle.db;
  const rnd = createRandom(20000 + count);
  const orgCount = Math.ceil(count / 5);
  const kommuneIds = [...ctx.geo.kommuner.values()];
  const orgs: s.Organisation[] = [];
  for (let i = 0; i < orgCount; i += 1000) {
    const rows: s.NewOrganisation[] = [];
    for (let j = i; j < Math.min(orgCount, i + 1000); j++) {
      const k = kommuneIds[j % kommuneIds.length];
      rows.push({ kommuneId: k.id, slug: `lastlag-${j + 1}`, name: `Lastlag ${j + 1} ${k.name}`, kind: 'club', status: 'approved', verifiedAt: ctx.now });
    }
    orgs.push(...(await db.insert(s.organisation).values(rows).returning()));
  }
  for (let i = 0; i < count; i += 2000) {
    const built: Built[] = [];
    for (let j = i; j < Math.min(count, i + 2000); j++) {
      const org = orgs[Math.floor(j / 5)];
      const venues = ctx.geo.venues.filter((v) => v.kommuneId === org.kommuneId);
      const category = categories[j % categories.length];
      const title = rnd.pick(categoryContent[category].titles);
      built.push(buildActivity({ org, orgName: org.name, category, title, venue: rnd.pick(venues), ages: rnd.pick(ageGroups) }, ctx.geo, rnd, ctx.now, `${slugify(title)}-last-${j + 1}`));
    }
    const ids = await insertActivities(db, built, 1000);
    // A third of them translated into English, Arabic and Somali, so the translation index has a
    // national-scale size too (the query-plan test reads it).
    const translations: s.NewTranslation[] = [];
    ids.forEach((id, k) => {
      if (k % 3) return;
      const b = built[k].activity;
      for (const [language, labels] of scaleLabels)
        translations.push({ entity: 'activity', entityId: id, field: 'title', language, text: `${labels[b.category] ?? b.category} ${i + k + 1}`, source: 'club' });
    });
    for (let k = 0; k < translations.length; k += 2000) await db.insert(s.translation).values(translations.slice(k, k + 2000));
    await reindexActivityTranslations(db, ids.filter((_, k) => k % 3 === 0));
  }
  await db.execute(sql`ANALYZE`);
}

async function main() {
  const { env } = await import('../app/utils/env.server');
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR });
  await migrateDatabase(handle, e.MIGRATION_DATABASE_URL);
  if (!(await isEmpty(handle.db))) {
    console.log('seed: the database already has data; nothing done');
  } else {
    const started = Date.now();
    const result = await seedDemo(handle, { scale: e.SEED_SCALE });
    console.log(`seed: ${result.organisations} organisations, ${result.activities} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await handle.close();
}

// Run as a script (`npm run db:seed`), not when bundled into the server.
if (/db[\\/]seed\.ts$/.test(process.argv[1] ?? '')) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
