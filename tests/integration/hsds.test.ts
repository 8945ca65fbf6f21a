import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { and, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { addScaleActivities } from '../../db/seed';
import { recordUuid } from '../../app/domain/opendata/stable-uuid.server';
import { PER_PAGE_MAX } from '../../app/domain/opendata/hsds.server';
import * as rootRoute from '../../app/routes/api.hsds._index';
import * as openApiRoute from '../../app/routes/api.hsds.openapi[.]json';
import * as listRoute from '../../app/routes/api.hsds.$collection._index';
import * as itemRoute from '../../app/routes/api.hsds.$collection.$id';
import { osloDate } from '../../app/utils/dates';
import { db } from '../../app/utils/db.server';
import { publicUrl } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';
import { appHandler } from '../setup/remix-app';

// Issue 14, part 3: the published catalogue as Open Referral HSDS 3.0 under /api/hsds, checked with ajv
// against the compiled schemas HSDS publishes (docs/standards/hsds-3.0), as an HSDS consumer would.
const t = useTestDatabase();

// ---- The schemas. openapi.json declares JSON Schema 2020-12 (`jsonSchemaDialect`); the compiled
// schemas name no `$schema`, and carry Frictionless Data Package keywords that are annotations here.
const standards = 'docs/standards/hsds-3.0';
type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[]; [k: string]: unknown };
const load = (name: string) => JSON.parse(readFileSync(`${standards}/${name}.json`, 'utf8')) as Schema;
const compiled = { service: load('service'), organization: load('organization'), service_at_location: load('service_at_location') };
const openapi = load('openapi') as unknown as { jsonSchemaDialect: string; components: { schemas: { Page: Schema } } };

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addVocabulary(['name', 'path', 'datapackage_metadata', 'tabular_required', 'constraints', 'example', 'core', 'datapackage_type']);

/**
 * HSDS's list schemas (service_list.json, …, referred to by openapi.json but not in the compiled set we
 * ship) are the compiled schema cut to its one-to-one fields, nested objects cut the same way. Made
 * here from the compiled schema, closed with additionalProperties: false so a list item that carries a
 * one-to-many array fails.
 */
function oneToOne(schema: Schema): Schema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([, p]) => p.type !== 'array')
      .map(([k, p]) => [k, p.type === 'object' ? oneToOne(p) : p]),
  );
  return { ...schema, properties, additionalProperties: false };
}

const validators: Record<string, ValidateFunction> = {
  service: ajv.compile(compiled.service),
  organization: ajv.compile(compiled.organization),
  service_at_location: ajv.compile(compiled.service_at_location),
  // HSDS 3.0 has no compiled location.json: the location nested in service_at_location is the whole one.
  location: ajv.compile(compiled.service_at_location.properties!.location),
  service_list: ajv.compile(oneToOne(compiled.service)),
  organization_list: ajv.compile(oneToOne(compiled.organization)),
  service_at_location_list: ajv.compile(oneToOne(compiled.service_at_location)),
  // The envelope as openapi.json composes it for a list: its Page, with `contents` beside it; here every field required.
  page: ajv.compile({
    ...openapi.components.schemas.Page,
    properties: { ...openapi.components.schemas.Page.properties, contents: { type: 'array' } },
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  }),
};

const listSchema = { services: 'service_list', organizations: 'organization_list', locations: 'location', service_at_locations: 'service_at_location_list' } as const;
const itemSchema = { services: 'service', organizations: 'organization', locations: 'location', service_at_locations: 'service_at_location' } as const;
type Collection = keyof typeof listSchema;
const collectionNames = Object.keys(listSchema) as Collection[];

function expectValid(name: keyof typeof validators, value: unknown, where: string) {
  const validate = validators[name];
  const ok = validate(value);
  expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`), `${where} against ${name}`).toEqual([]);
}

// ---- Calling the routes as Remix does.
type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response> | Response;
const call = async (loader: Loader, path: string, params: Record<string, string> = {}) => loader({ request: new Request(`http://localhost${path}`), params, context: {} });

async function jsonOf(res: Response, status = 200) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  expect(res.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+$/);
  expect(Number(/max-age=(\d+)/.exec(res.headers.get('Cache-Control')!)![1])).toBeLessThanOrEqual(600);
  expect(res.headers.get('Link')).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
  return res.json();
}

type Page = { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; contents: Record<string, unknown>[] };
const page = async (collection: Collection, query = '') => (await jsonOf(await call(listRoute.loader, `/api/hsds/${collection}${query}`, { collection }))) as Page;
const item = (collection: Collection, id: string, query = '') => call(itemRoute.loader, `/api/hsds/${collection}/${id}${query}`, { collection, id });

/** Every item of a collection, page by page, checking each envelope and each item on the way. */
async function walk(collection: Collection, perPage: number, query = '') {
  const first = await page(collection, `?per_page=${perPage}${query}`);
  const items: Record<string, unknown>[] = [];
  for (let n = 1; n <= Math.max(1, first.total_pages); n++) {
    const p = n === 1 ? first : await page(collection, `?page=${n}&per_page=${perPage}${query}`);
    expectValid('page', p, `${collection} page ${n}`);
    expect(p.total_items).toBe(first.total_items);
    expect(p.total_pages).toBe(Math.ceil(first.total_items / perPage));
    expect(p.page_number).toBe(n);
    expect(p.size).toBe(p.contents.length);
    expect(p.size).toBe(n < p.total_pages ? perPage : first.total_items - perPage * (p.total_pages - 1));
    expect(p.first_page).toBe(n === 1);
    expect(p.last_page).toBe(n === p.total_pages);
    expect(p.empty).toBe(p.size === 0);
    p.contents.forEach((x, i) => expectValid(listSchema[collection], x, `${collection} page ${n} item ${i}`));
    items.push(...p.contents);
  }
  const ids = items.map((x) => x.id as string);
  expect(new Set(ids).size, `${collection}: no item twice`).toBe(ids.length);
  expect(ids.length).toBe(first.total_items);
  return items;
}

const isPublicNow = and(eq(s.activity.status, 'published'), or(isNull(s.activity.expiresAt), gt(s.activity.expiresAt, new Date())));

// A club with an organisation number, so the identifier appears (the demo clubs have none).
const ORGNR = '974760673';
let numberedOrg: number;
let draftId: number;
let archivedId: number;
beforeAll(async () => {
  const [a, b, c] = await db().select({ id: s.activity.id, organisationId: s.activity.organisationId }).from(s.activity).where(isPublicNow).orderBy(s.activity.id).limit(3);
  numberedOrg = a.organisationId;
  // Its own contact (the club account's) differs from what it publishes on its activities.
  await db().update(s.organisation).set({ orgnr: ORGNR, contactEmail: 'styret@hsds-klubb.example', contactPhone: '+47 911 22 333' }).where(eq(s.organisation.id, numberedOrg));
  draftId = b.id;
  archivedId = c.id;
  await db().update(s.activity).set({ status: 'draft' }).where(eq(s.activity.id, draftId));
  await db().update(s.activity).set({ status: 'archived' }).where(eq(s.activity.id, archivedId));
});

test('the root says the HSDS version and where the OpenAPI description is, at /api/hsds and /api/hsds/', async () => {
  const root = await jsonOf(await call(rootRoute.loader, '/api/hsds'));
  expect(root.version).toMatch(/^3\.0(\.\d+)?$/);
  expect(root.openapi_url).toBe(`${publicUrl()}/api/hsds/openapi.json`);
  expect(root.license.url).toBe('https://creativecommons.org/licenses/by/4.0/');
  const description = await jsonOf(await call(openApiRoute.loader, '/api/hsds/openapi.json'));
  expect(description.openapi).toBe('3.1.0');
  expect(description.jsonSchemaDialect).toBe(openapi.jsonSchemaDialect);
  expect(description.info.license).toEqual(root.license);
  expect(description.servers).toEqual([{ url: `${publicUrl()}/api/hsds` }]);
  expect(Object.keys(description.paths).sort()).toEqual(['/', ...collectionNames.flatMap((c) => [`/${c}`, `/${c}/{id}`])].sort());
  // Through Remix's own routing: both spellings of the root, the description, a list and a record.
  const app = await appHandler();
  for (const path of ['/api/hsds', '/api/hsds/']) expect((await jsonOf(await app.fetch(new Request(`http://localhost${path}`)))).openapi_url).toBe(root.openapi_url);
  expect((await jsonOf(await app.fetch(new Request('http://localhost/api/hsds/openapi.json')))).openapi).toBe('3.1.0');
  const services = (await jsonOf(await app.fetch(new Request('http://localhost/api/hsds/services?per_page=1')))) as Page;
  expect(services.size).toBe(1);
  const one = await jsonOf(await app.fetch(new Request(`http://localhost/api/hsds/services/${services.contents[0].id}`)));
  expect(one.id).toBe(services.contents[0].id);
});

test('every page of every collection validates against HSDS 3.0, and the pages add up to the whole collection once', async () => {
  // The validators are real: what HSDS forbids fails them.
  const [sample] = (await page('services', '?per_page=1')).contents;
  for (const broken of [{ ...sample, id: 'service-1' }, { ...sample, status: 'open' }, { ...sample, minimum_age: '6' }, { ...sample, schedules: [] }, { ...sample, name: undefined }]) {
    expect(validators.service_list(broken), JSON.stringify(broken).slice(0, 80)).toBe(false);
  }
  expect(validators.service({ ...sample, cost_options: [{ id: crypto.randomUUID(), amount: '370' }] })).toBe(false);
  for (const collection of collectionNames) {
    const items = await walk(collection, 7);
    expect(items.length, collection).toBeGreaterThan(7);
  }
  // The full form of the list (?full=true) is the same services, each fully nested.
  const full = await page('services', '?per_page=20&full=true');
  expect(full.size).toBe(20);
  full.contents.forEach((x, i) => expectValid('service', x, `full list item ${i}`));
  expect(full.contents.map((x) => x.id)).toEqual((await page('services', '?per_page=20')).contents.map((x) => x.id));
});

test('every single record validates against its compiled schema, fully nested', async () => {
  for (const collection of collectionNames) {
    const ids = (await walk(collection, PER_PAGE_MAX)).map((x) => x.id as string);
    for (const id of ids) {
      const record = await jsonOf(await item(collection, id));
      expect(record.id).toBe(id);
      expectValid(itemSchema[collection], record, `${collection}/${id}`);
    }
  }
});

test('the services are exactly the published activities, with the stable ids, dates and numbers the portal has', async () => {
  const services = await walk('services', PER_PAGE_MAX);
  const published = await db().select().from(s.activity).where(isPublicNow);
  expect(services.map((x) => x.id).sort()).toEqual(published.map((a) => recordUuid('service', a.id)).sort());
  const hidden = await db().select({ id: s.activity.id, status: s.activity.status }).from(s.activity).where(sql`not (${isPublicNow})`);
  expect(hidden.map((h) => h.status)).toEqual(expect.arrayContaining(['draft', 'archived']));
  const listed = new Set(services.map((x) => x.id));
  for (const h of hidden) {
    expect(listed.has(recordUuid('service', h.id))).toBe(false);
    expect((await jsonOf(await item('services', recordUuid('service', h.id)), 404)).error).toBe('not_found');
    expect((await item('service_at_locations', recordUuid('service_at_location', h.id))).status).toBe(404);
  }
  const byId = new Map(services.map((x) => [x.id, x]));
  for (const a of published) {
    const x = byId.get(recordUuid('service', a.id))!;
    expect(x.assured_date).toBe(osloDate(a.lastConfirmedAt!));
    expect(x.name).toBe(a.title);
    expect(x.url).toBe(`${publicUrl()}/aktiviteter/${a.slug}`);
    expect([x.minimum_age, x.maximum_age]).toEqual([a.ageMin, a.ageMax]);
    expect(x.organization_id).toBe(recordUuid('organization', a.organisationId));
    expect(x.status).toBe('active');
  }
  // The same UUIDs on every call.
  expect((await walk('services', PER_PAGE_MAX)).map((x) => x.id)).toEqual(services.map((x) => x.id));
});

test('a full service carries its weekly sessions as RRULE parts, its costs in NOK, its leaders’ languages and its category', async () => {
  const [a] = await db()
    .select()
    .from(s.activity)
    .where(and(isPublicNow, sql`exists (select 1 from activity_cost c where c.activity_id = ${s.activity.id} and c.amount_ore > 0)`, sql`exists (select 1 from activity_session x where x.activity_id = ${s.activity.id} and x.weekday is not null)`))
    .orderBy(s.activity.id)
    .limit(1);
  const service = await jsonOf(await item('services', recordUuid('service', a.id)));
  const sessions = await db().select().from(s.activitySession).where(and(eq(s.activitySession.activityId, a.id), sql`${s.activitySession.weekday} is not null`));
  const days = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  type Schedule = { freq: string; byday: string; opens_at: string; closes_at: string; valid_from: string; valid_to: string; dtstart: string; service_id: string };
  const weekly = (service.schedules as Schedule[]).filter((x) => x.freq === 'WEEKLY');
  expect(weekly.map((x) => `${x.byday} ${x.opens_at}-${x.closes_at}`).sort()).toEqual(sessions.map((x) => `${days[x.weekday!]} ${x.startTime!.slice(0, 5)}-${x.endTime!.slice(0, 5)}`).sort());
  for (const x of weekly) {
    expect([x.valid_from, x.valid_to]).toEqual([a.seasonStart, a.seasonEnd]);
    expect(x.dtstart >= a.seasonStart!).toBe(true);
    expect(days[((new Date(`${x.dtstart}T12:00:00Z`).getUTCDay() + 6) % 7) + 1]).toBe(x.byday);
    expect(x.service_id).toBe(service.id);
  }
  const costs = await db().select().from(s.activityCost).where(eq(s.activityCost.activityId, a.id)).orderBy(s.activityCost.id);
  type CostOption = { amount?: number; currency?: string; option: string };
  const options = service.cost_options as CostOption[];
  expect(options).toHaveLength(costs.length);
  costs.forEach((c, i) => {
    if (c.kind === 'dugnad') expect(options[i].amount).toBeUndefined();
    else expect([options[i].amount, options[i].currency]).toEqual([c.amountOre / 100, 'NOK']);
    expect(options[i].option).toBeTruthy();
  });
  expect((service.languages as { code: string }[]).map((l) => l.code)).toEqual(a.leaderLanguages);
  const category = (service.attributes as { link_type: string; taxonomy_term: { code: string; term_uri: string } }[]).find((x) => x.link_type === 'kategori')!;
  expect(category.taxonomy_term.code).toBe(a.category);
  expect(category.taxonomy_term.term_uri).toBe(`${publicUrl()}/aktiviteter?kategori=${a.category}`);
  // Its venue: a location with a Norwegian address.
  const venue = (await db().select().from(s.venue).where(eq(s.venue.id, a.venueId!)))[0];
  const [at] = service.service_at_locations as { id: string; location: { id: string; latitude: number; longitude: number; addresses: Record<string, string>[] } }[];
  expect(at.id).toBe(recordUuid('service_at_location', a.id));
  expect(at.location.id).toBe(recordUuid('location', venue.id));
  expect([at.location.latitude, at.location.longitude]).toEqual([venue.lat, venue.lon]);
  expect(at.location.addresses[0]).toMatchObject({ address_1: venue.address, postal_code: venue.postcode, city: venue.place, country: 'NO', state_province: 'Buskerud' });
  const sal = await jsonOf(await item('service_at_locations', at.id));
  expect([sal.service_id, sal.location_id, sal.service.id]).toEqual([service.id, at.location.id, service.id]);
  expect((sal.schedules as { service_at_location_id: string }[]).every((x) => x.service_at_location_id === at.id)).toBe(true);
});

test('a club is an organization with its organisation number as an NO-BRC identifier, its public services, and no contact details of its own', async () => {
  const org = await jsonOf(await item('organizations', recordUuid('organization', numberedOrg)));
  expect(org.organization_identifiers).toEqual([expect.objectContaining({ identifier_scheme: 'NO-BRC', identifier: ORGNR, organization_id: org.id })]);
  expect(org.uri).toBe(`https://data.brreg.no/enhetsregisteret/api/enheter/${ORGNR}`);
  const own = await db().select({ id: s.activity.id }).from(s.activity).where(and(isPublicNow, eq(s.activity.organisationId, numberedOrg)));
  expect((org.services as { id: string }[]).map((x) => x.id).sort()).toEqual(own.map((a) => recordUuid('service', a.id)).sort());
  // The club's own e-mail and phone (its account's contact) are not published here; only what a club
  // publishes as the contact of an activity is.
  const [club] = await db().select().from(s.organisation).where(eq(s.organisation.id, numberedOrg));
  const everything = JSON.stringify([org, ...(await walk('organizations', PER_PAGE_MAX))]);
  expect(everything).not.toContain(club.contactEmail!);
  expect(everything).not.toContain(club.contactPhone!);
  const [a] = await db().select().from(s.activity).where(and(isPublicNow, ne(s.activity.contactName, ''))).limit(1);
  const service = await jsonOf(await item('services', recordUuid('service', a.id)));
  expect(service.contacts).toEqual([expect.objectContaining({ name: a.contactName, email: a.contactEmail, phones: [expect.objectContaining({ number: a.contactPhone })] })]);
  // A club with no public activity is not in the list.
  const [idle] = await db().insert(s.organisation).values({ kommuneId: club.kommuneId, slug: 'hsds-idle-club', name: 'Stille klubb', status: 'approved' }).returning();
  expect((await item('organizations', recordUuid('organization', idle.id))).status).toBe(404);
});

test('an unknown id, a made-up UUID, another collection’s UUID and an unknown collection all answer 404 in JSON', async () => {
  const [a] = await db().select({ id: s.activity.id }).from(s.activity).where(isPublicNow).limit(1);
  for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', recordUuid('organization', a.id), crypto.randomUUID()]) {
    expect(await jsonOf(await item('services', id), 404)).toEqual({ error: 'not_found' });
  }
  expect(await jsonOf(await call(listRoute.loader, '/api/hsds/taxonomies', { collection: 'taxonomies' }), 404)).toEqual({ error: 'not_found' });
  expect(await jsonOf(await call(itemRoute.loader, '/api/hsds/taxonomies/x', { collection: 'taxonomies', id: 'x' }), 404)).toEqual({ error: 'not_found' });
});

test('paging input: a bad page is a 400 in JSON, per_page is capped, and a page past the end is empty', async () => {
  for (const query of ['?page=0', '?page=abc', '?page=1.5', '?per_page=0', '?per_page=-3', '?full=maybe']) {
    expect((await jsonOf(await call(listRoute.loader, `/api/hsds/services${query}`, { collection: 'services' }), 400)).error, query).toBe('invalid_parameter');
  }
  const capped = await page('services', '?per_page=100000');
  expect(capped.size).toBeLessThanOrEqual(PER_PAGE_MAX);
  expect(capped.total_pages).toBe(Math.ceil(capped.total_items / PER_PAGE_MAX));
  const past = await page('services', `?page=${capped.total_pages + 1}&per_page=${PER_PAGE_MAX}`);
  expect(past).toMatchObject({ size: 0, empty: true, contents: [], first_page: false, last_page: true, total_items: capped.total_items });
  // An unknown language is read as bokmål, as on the pages.
  expect((await page('services', '?per_page=5&lng=xx')).contents).toEqual((await page('services', '?per_page=5')).contents);
});

test('?lng=en gives the English title and description where the club wrote them, and links the English page', async () => {
  const [tr] = await db()
    .select({ id: s.translation.entityId, text: s.translation.text })
    .from(s.translation)
    .innerJoin(s.activity, eq(s.activity.id, s.translation.entityId))
    .where(and(eq(s.translation.entity, 'activity'), eq(s.translation.field, 'title'), eq(s.translation.language, 'en'), isPublicNow))
    .limit(1);
  expect(tr, 'the demo data has an activity with an English title').toBeTruthy();
  const [a] = await db().select().from(s.activity).where(eq(s.activity.id, tr.id));
  const id = recordUuid('service', a.id);
  const english = await jsonOf(await item('services', id, '?lng=en'));
  expect(english.name).toBe(tr.text);
  expect(english.url).toBe(`${publicUrl()}/aktiviteter/${a.slug}?lng=en`);
  expect(english.languages.find((l: { code: string }) => l.code === 'nb').name).not.toBe('norsk');
  expect((await jsonOf(await item('services', id))).name).toBe(a.title);
  // In the English list too, and an activity without an English text keeps its bokmål one.
  const list = await walk('services', PER_PAGE_MAX, '&lng=en');
  expect(list.find((x) => x.id === id)!.name).toBe(tr.text);
  const [untranslated] = await db()
    .select()
    .from(s.activity)
    .where(and(isPublicNow, sql`not exists (select 1 from translation t where t.entity = 'activity' and t.entity_id = ${s.activity.id} and t.language = 'en' and t.field = 'title')`))
    .limit(1);
  expect(list.find((x) => x.id === recordUuid('service', untranslated.id))!.name).toBe(untranslated.title);
});

// Last: it adds rows every test above would count.
test('with a few hundred more activities, sampled pages of every collection still validate, in full too', async () => {
  const before = Object.fromEntries(await Promise.all(collectionNames.map(async (c) => [c, (await page(c, '?per_page=1')).total_items] as const)));
  await addScaleActivities(t.handle, 400);
  for (const collection of collectionNames) {
    const perPage = 25;
    const first = await page(collection, `?per_page=${perPage}`);
    // The generated activities use the venues that exist, in clubs of their own.
    if (collection === 'locations') expect(first.total_items).toBe(before[collection]);
    else expect(first.total_items).toBeGreaterThan(before[collection] + 50);
    for (const n of new Set([1, Math.ceil(first.total_pages / 2), first.total_pages])) {
      const p = await page(collection, `?page=${n}&per_page=${perPage}`);
      expectValid('page', p, `${collection} page ${n}`);
      expect(p.size).toBe(n < first.total_pages ? perPage : first.total_items - perPage * (first.total_pages - 1));
      p.contents.forEach((x, i) => expectValid(listSchema[collection], x, `${collection} page ${n} item ${i}`));
    }
  }
  const services = await page('services', `?page=3&per_page=${PER_PAGE_MAX}&full=true`);
  expect(services.size).toBe(PER_PAGE_MAX);
  services.contents.forEach((x, i) => expectValid('service', x, `full services page 3 item ${i}`));
  const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(s.activity).where(isPublicNow);
  expect(services.total_items).toBe(n);
}, 120_000);
