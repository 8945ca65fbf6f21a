import { min, sql } from 'drizzle-orm';
import { DataFactory, Writer, type Literal, type NamedNode, type Quad } from 'n3';
import { activity } from '../../../db/schema/activity';
import { db } from '../../utils/db.server';
import type { Env } from '../../utils/env.server';
import { isPublic } from '../catalogue/public.server';
import { SUBSCRIPTION_LIMIT } from '../catalogue/subscriptions.server';

// The portal's open data as a DCAT-AP-NO 2.0 catalogue (/dcat), for data.norge.no to harvest: three
// datasets (OpenActive feeds, the HSDS API, calendar and Atom subscriptions) and their distributions.
// Titles and descriptions are data, not UI, so they live here in bokmål, nynorsk and English.
// Controlled values come from the EU vocabularies DCAT-AP-NO requires (licence, file type, language,
// data theme, country, access right, frequency); the shapes in docs/standards/dcat-ap-no-2.0 check them
// (tests/integration/dcat.test.ts). Why this profile and this publisher: docs/decisions/026.

const { namedNode, literal, quad } = DataFactory;

const ns = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
} as const;
const rdf = (local: string) => namedNode(ns.rdf + local);
const dcat = (local: string) => namedNode(ns.dcat + local);
const dct = (local: string) => namedNode(ns.dct + local);
const foaf = (local: string) => namedNode(ns.foaf + local);
const vcard = (local: string) => namedNode(ns.vcard + local);

const eu = 'http://publications.europa.eu/resource/authority';
/** The EU concepts used, by name; tests/fixtures/dcat-eu-vocabularies.ttl describes each one. */
export const vocabulary = {
  licence: `${eu}/licence/CC_BY_4_0`,
  accessPublic: `${eu}/access-right/PUBLIC`,
  continuous: `${eu}/frequency/CONT`,
  norway: `${eu}/country/NOR`,
  languages: [`${eu}/language/NOB`, `${eu}/language/NNO`, `${eu}/language/ENG`],
  json: `${eu}/file-type/JSON`,
  ics: `${eu}/file-type/ICS`,
  atom: `${eu}/file-type/ATOM`,
  /** Education, culture and sport; Population and society. */
  themes: [`${eu}/data-theme/EDUC`, `${eu}/data-theme/SOCI`],
  /** Los, the Norwegian public-sector vocabulary data.norge.no lists datasets by: Kultur, idrett og fritid; Familie og barn. */
  losThemes: ['https://psi.norge.no/los/tema/kultur-idrett-og-fritid', 'https://psi.norge.no/los/tema/familie-og-barn'],
} as const;

const iana = (type: string) => `https://www.iana.org/assignments/media-types/${type}`;

type Texts = { nb: string; nn: string; en: string };

/** The specifications the distributions follow, each described as a dct:Standard (the shapes want a title). */
const standards = {
  rpde: { uri: 'https://openactive.io/realtime-paged-data-exchange/', title: 'OpenActive Realtime Paged Data Exchange (RPDE)' },
  modelling: { uri: 'https://openactive.io/modelling-opportunity-data/2.0/', title: 'OpenActive Modelling Opportunity Data 2.0' },
  hsds: { uri: 'https://github.com/openreferral/specification/tree/3.0', title: 'Open Referral Human Services Data Specification (HSDS) 3.0' },
  icalendar: { uri: 'https://www.rfc-editor.org/rfc/rfc5545', title: 'RFC 5545: Internet Calendaring and Scheduling Core Object Specification (iCalendar)' },
  atom: { uri: 'https://www.rfc-editor.org/rfc/rfc4287', title: 'RFC 4287: The Atom Syndication Format' },
} as const;
type Standard = (typeof standards)[keyof typeof standards];

type DistributionSpec = {
  id: string;
  path: string;
  title: Texts;
  description: Texts;
  format: string;
  mediaType: string;
  conformsTo: Standard[];
};

type DatasetSpec = {
  id: string;
  title: Texts;
  description: Texts;
  keywords: Texts[];
  landingPage: string;
  distributions: DistributionSpec[];
};

const keywords = {
  leisure: { nb: 'fritidsaktiviteter', nn: 'fritidsaktivitetar', en: 'leisure activities' },
  young: { nb: 'barn og unge', nn: 'born og unge', en: 'children and young people' },
  fritidserklaringen: { nb: 'Fritidserklæringen', nn: 'Fritidserklæringa', en: 'Fritidserklæringen' },
  openactive: { nb: 'OpenActive', nn: 'OpenActive', en: 'OpenActive' },
  hsds: { nb: 'Open Referral', nn: 'Open Referral', en: 'Open Referral' },
  calendar: { nb: 'kalender', nn: 'kalender', en: 'calendar' },
} satisfies Record<string, Texts>;

const published: Texts = {
  nb: 'Bare publiserte aktiviteter, ingen personopplysninger.',
  nn: 'Berre publiserte aktivitetar, ingen personopplysningar.',
  en: 'Published activities only, no personal data.',
};
const withPublished = (t: Texts): Texts => ({ nb: `${t.nb} ${published.nb}`, nn: `${t.nn} ${published.nn}`, en: `${t.en} ${published.en}` });

/** The three datasets, with the addresses the feeds and the API answer at. */
export const datasets: DatasetSpec[] = [
  {
    id: 'openactive',
    title: { nb: 'Fritidsaktiviteter (OpenActive)', nn: 'Fritidsaktivitetar (OpenActive)', en: 'Leisure activities (OpenActive)' },
    description: withPublished({
      nb: 'De publiserte fritidsaktivitetene i portalen etter OpenActive-standarden, som to RPDE-strømmer i JSON: de faste aktivitetene (SessionSeries) og de enkelte øktene deres (ScheduledSession). En høster leser hver strøm side for side og får deretter bare endringene.',
      nn: 'Dei publiserte fritidsaktivitetane i portalen etter OpenActive-standarden, som to RPDE-straumar i JSON: dei faste aktivitetane (SessionSeries) og dei einskilde øktene deira (ScheduledSession). Ein haustar les kvar straum side for side og får deretter berre endringane.',
      en: 'The leisure activities published in the portal, following the OpenActive standard, as two RPDE feeds in JSON: the recurring activities (SessionSeries) and their individual sessions (ScheduledSession). A harvester reads each feed page by page and from then on receives only the changes.',
    }),
    keywords: [keywords.leisure, keywords.young, keywords.fritidserklaringen, keywords.openactive],
    landingPage: '/openactive',
    distributions: [
      {
        id: 'openactive-session-series',
        path: '/openactive/session-series',
        title: { nb: 'Faste aktiviteter (SessionSeries, RPDE)', nn: 'Faste aktivitetar (SessionSeries, RPDE)', en: 'Recurring activities (SessionSeries, RPDE)' },
        description: {
          nb: 'RPDE-strøm av de faste aktivitetene som OpenActive SessionSeries.',
          nn: 'RPDE-straum av dei faste aktivitetane som OpenActive SessionSeries.',
          en: 'RPDE feed of the recurring activities as OpenActive SessionSeries.',
        },
        format: vocabulary.json,
        mediaType: iana('application/json'),
        conformsTo: [standards.rpde, standards.modelling],
      },
      {
        id: 'openactive-scheduled-sessions',
        path: '/openactive/scheduled-sessions',
        title: { nb: 'Økter (ScheduledSession, RPDE)', nn: 'Økter (ScheduledSession, RPDE)', en: 'Sessions (ScheduledSession, RPDE)' },
        description: {
          nb: 'RPDE-strøm av de enkelte øktene som OpenActive ScheduledSession, hver knyttet til sin faste aktivitet.',
          nn: 'RPDE-straum av dei einskilde øktene som OpenActive ScheduledSession, kvar knytt til den faste aktiviteten sin.',
          en: 'RPDE feed of the individual sessions as OpenActive ScheduledSession, each linked to its recurring activity.',
        },
        format: vocabulary.json,
        mediaType: iana('application/json'),
        conformsTo: [standards.rpde, standards.modelling],
      },
    ],
  },
  {
    id: 'hsds',
    title: { nb: 'Fritidsaktiviteter (Open Referral HSDS 3.0)', nn: 'Fritidsaktivitetar (Open Referral HSDS 3.0)', en: 'Leisure activities (Open Referral HSDS 3.0)' },
    description: withPublished({
      nb: 'De publiserte fritidsaktivitetene i portalen som et lese-API etter Open Referral Human Services Data Specification (HSDS) 3.0: tjenester (aktivitetene), organisasjoner (klubbene og de andre arrangørene), steder, og tjenester på steder, som JSON i sider. ?lng= velger språket på tekstene (bokmål om ikke annet er valgt).',
      nn: 'Dei publiserte fritidsaktivitetane i portalen som eit lese-API etter Open Referral Human Services Data Specification (HSDS) 3.0: tenester (aktivitetane), organisasjonar (klubbane og dei andre arrangørane), stader, og tenester på stader, som JSON i sider. ?lng= vel språket på tekstane (bokmål om ikkje anna er valt).',
      en: 'The leisure activities published in the portal as a read-only API following the Open Referral Human Services Data Specification (HSDS) 3.0: services (the activities), organizations (the clubs and other organisers), locations, and services at locations, as paged JSON. ?lng= chooses the language of the texts (Norwegian Bokmål unless another is chosen).',
    }),
    keywords: [keywords.leisure, keywords.young, keywords.fritidserklaringen, keywords.hsds],
    landingPage: '/aktiviteter',
    distributions: [
      {
        id: 'hsds-api',
        path: '/api/hsds',
        title: { nb: 'HSDS 3.0-API', nn: 'HSDS 3.0-API', en: 'HSDS 3.0 API' },
        description: {
          nb: 'API-roten. Under den: /api/hsds/services, /api/hsds/organizations, /api/hsds/locations og /api/hsds/service_at_locations, hver med /{id} for én post.',
          nn: 'API-rota. Under henne: /api/hsds/services, /api/hsds/organizations, /api/hsds/locations og /api/hsds/service_at_locations, kvar med /{id} for éin post.',
          en: 'The API root. Below it: /api/hsds/services, /api/hsds/organizations, /api/hsds/locations and /api/hsds/service_at_locations, each with /{id} for one record.',
        },
        format: vocabulary.json,
        mediaType: iana('application/json'),
        conformsTo: [standards.hsds],
      },
    ],
  },
  {
    id: 'kalender',
    title: { nb: 'Fritidsaktiviteter som kalender', nn: 'Fritidsaktivitetar som kalender', en: 'Leisure activities as a calendar' },
    description: withPublished({
      nb: `De publiserte fritidsaktivitetene i portalen som kalender å abonnere på (iCalendar, med øktene og de åpne dagene) og som nyhetsstrøm over nye og endrede aktiviteter (Atom). Enhver søkeadresse virker: legg /kalender.ics eller /nye.atom til etter /aktiviteter og behold filtrene, for eksempel /aktiviteter/kalender.ics?q=fotball&alder=10; ?lng= velger språket. Hver adresse gir høyst de ${SUBSCRIPTION_LIMIT} sist endrede aktivitetene som passer søket; hele katalogen finnes i OpenActive- og HSDS-datasettene.`,
      nn: `Dei publiserte fritidsaktivitetane i portalen som kalender å abonnere på (iCalendar, med øktene og dei opne dagane) og som nyheitsstraum over nye og endra aktivitetar (Atom). Kvar søkjeadresse verkar: legg /kalender.ics eller /nye.atom til etter /aktiviteter og behald filtera, til dømes /aktiviteter/kalender.ics?q=fotball&alder=10; ?lng= vel språket. Kvar adresse gjev høgst dei ${SUBSCRIPTION_LIMIT} sist endra aktivitetane som passar søket; heile katalogen finst i OpenActive- og HSDS-datasetta.`,
      en: `The leisure activities published in the portal as a calendar to subscribe to (iCalendar, with the sessions and open days) and as a news feed of new and changed activities (Atom). Any search address works: add /kalender.ics or /nye.atom after /aktiviteter and keep the filters, for example /aktiviteter/kalender.ics?q=fotball&alder=10; ?lng= chooses the language. Each address gives at most the ${SUBSCRIPTION_LIMIT} most recently changed activities matching the search; the whole catalogue is in the OpenActive and HSDS datasets.`,
    }),
    keywords: [keywords.leisure, keywords.young, keywords.calendar],
    landingPage: '/aktiviteter',
    distributions: [
      {
        id: 'kalender-ics',
        path: '/aktiviteter/kalender.ics',
        title: { nb: 'Kalender (iCalendar)', nn: 'Kalender (iCalendar)', en: 'Calendar (iCalendar)' },
        description: {
          nb: 'Øktene og de åpne dagene til aktivitetene som passer søket, som kalender.',
          nn: 'Øktene og dei opne dagane til aktivitetane som passar søket, som kalender.',
          en: 'The sessions and open days of the activities matching the search, as a calendar.',
        },
        format: vocabulary.ics,
        mediaType: iana('text/calendar'),
        conformsTo: [standards.icalendar],
      },
      {
        id: 'kalender-atom',
        path: '/aktiviteter/nye.atom',
        title: { nb: 'Nye og endrede aktiviteter (Atom)', nn: 'Nye og endra aktivitetar (Atom)', en: 'New and changed activities (Atom)' },
        description: {
          nb: 'Aktivitetene som passer søket, sist endret først, som nyhetsstrøm.',
          nn: 'Aktivitetane som passar søket, sist endra først, som nyheitsstraum.',
          en: 'The activities matching the search, most recently changed first, as a news feed.',
        },
        format: vocabulary.atom,
        mediaType: iana('application/atom+xml'),
        conformsTo: [standards.atom],
      },
    ],
  },
];

const catalogueTexts = {
  title: { nb: 'Åpne data fra Fritidsportalen', nn: 'Opne data frå Fritidsportalen', en: 'Open data from Fritidsportalen' },
  description: withPublished({
    nb: 'Fritidsaktivitetene for barn og unge som er publisert i Fritidsportalen, som åpne data: strømmer etter OpenActive, et API etter Open Referral HSDS 3.0, og kalendere og nyhetsstrømmer for ethvert søk.',
    nn: 'Fritidsaktivitetane for born og unge som er publiserte i Fritidsportalen, som opne data: straumar etter OpenActive, eit API etter Open Referral HSDS 3.0, og kalendrar og nyheitsstraumar for kvart søk.',
    en: 'The leisure activities for children and young people published in Fritidsportalen, as open data: OpenActive feeds, an Open Referral HSDS 3.0 API, and calendars and news feeds for any search.',
  }),
} satisfies Record<string, Texts>;

/** Who publishes the catalogue: the operator's organisation in Enhetsregisteret, or in a demo a publisher that says it is none. */
export type Publisher = { uri: string; name: Texts; orgnr?: string };

/**
 * The publisher from OPEN_DATA_PUBLISHER_ORGNR / _NAME, as data.norge.no names organisations (their
 * Enhetsregisteret address). Without them a demo gets a publisher at the portal's own address that
 * says it is a demo, rather than a made-up organisation number that may belong to someone; production
 * gets none, and then has no catalogue.
 */
export function openDataPublisher(e: Pick<Env, 'OPEN_DATA_PUBLISHER_ORGNR' | 'OPEN_DATA_PUBLISHER_NAME' | 'isDemo'>, origin: string): Publisher | null {
  if (e.OPEN_DATA_PUBLISHER_ORGNR && e.OPEN_DATA_PUBLISHER_NAME) {
    const name = e.OPEN_DATA_PUBLISHER_NAME;
    return { uri: `https://data.brreg.no/enhetsregisteret/api/enheter/${e.OPEN_DATA_PUBLISHER_ORGNR}`, name: { nb: name, nn: name, en: name }, orgnr: e.OPEN_DATA_PUBLISHER_ORGNR };
  }
  if (!e.isDemo) return null;
  return {
    uri: `${origin}/dcat#demo-utgiver`,
    name: { nb: 'Demoutgiver (ingen ekte organisasjon)', nn: 'Demoutgjevar (ingen ekte organisasjon)', en: 'Demo publisher (not a real organisation)' },
  };
}

export type CatalogueInput = {
  origin: string;
  publisher: Publisher;
  contactEmail?: string;
  /** The newest change to a public activity; none when there are none. */
  modified?: Date;
  /** When the first activity was registered. */
  issued?: Date;
};

/**
 * The dates in one query: modified is the newest change to a public activity (what a harvester should
 * re-read for), issued the first activity ever registered (when there was first something to publish).
 */
export async function catalogueDates(now = new Date()): Promise<{ modified?: Date; issued?: Date }> {
  const [row] = await db()
    .select({ modified: sql<Date | null>`max(${activity.updatedAt}) filter (where ${isPublic(now)})`.mapWith(activity.updatedAt), issued: min(activity.createdAt) })
    .from(activity);
  return { modified: row?.modified ?? undefined, issued: row?.issued ?? undefined };
}

/** The catalogue as RDF triples; every subject is a named node so the Turtle and the JSON-LD carry the same graph. */
export function catalogueQuads({ origin, publisher, contactEmail, modified, issued }: CatalogueInput): Quad[] {
  const out: Quad[] = [];
  const add = (s: NamedNode, p: NamedNode, o: NamedNode | Literal) => out.push(quad(s, p, o));
  const texts = (s: NamedNode, p: NamedNode, t: Texts) => {
    for (const lng of ['nb', 'nn', 'en'] as const) add(s, p, literal(t[lng], lng));
  };
  const date = (d: Date) => literal(d.toISOString(), namedNode(`${ns.xsd}dateTime`));
  const node = (fragment: string) => namedNode(`${origin}/dcat#${fragment}`);

  const catalogue = node('katalog');
  const publisherNode = namedNode(publisher.uri);
  const contact = contactEmail ? node('kontaktpunkt') : undefined;
  const licence = namedNode(vocabulary.licence);

  add(catalogue, rdf('type'), dcat('Catalog'));
  add(catalogue, dct('identifier'), literal(catalogue.value));
  texts(catalogue, dct('title'), catalogueTexts.title);
  texts(catalogue, dct('description'), catalogueTexts.description);
  add(catalogue, dct('publisher'), publisherNode);
  add(catalogue, foaf('homepage'), namedNode(`${origin}/`));
  add(catalogue, dct('license'), licence);
  for (const l of vocabulary.languages) add(catalogue, dct('language'), namedNode(l));
  add(catalogue, dct('spatial'), namedNode(vocabulary.norway));
  if (modified) add(catalogue, dct('modified'), date(modified));
  if (issued) add(catalogue, dct('issued'), date(issued));

  add(publisherNode, rdf('type'), foaf('Agent'));
  texts(publisherNode, foaf('name'), publisher.name);
  if (publisher.orgnr) add(publisherNode, dct('identifier'), literal(publisher.orgnr));

  if (contact && contactEmail) {
    add(contact, rdf('type'), vcard('Organization'));
    texts(contact, vcard('fn'), publisher.name);
    add(contact, vcard('hasEmail'), namedNode(`mailto:${contactEmail}`));
  }

  const described = new Set<string>();
  for (const d of datasets) {
    const dataset = node(`datasett-${d.id}`);
    add(catalogue, dcat('dataset'), dataset);
    add(dataset, rdf('type'), dcat('Dataset'));
    add(dataset, dct('identifier'), literal(dataset.value));
    texts(dataset, dct('title'), d.title);
    texts(dataset, dct('description'), d.description);
    for (const k of d.keywords) texts(dataset, dcat('keyword'), k);
    add(dataset, dct('publisher'), publisherNode);
    for (const t of [...vocabulary.themes, ...vocabulary.losThemes]) add(dataset, dcat('theme'), namedNode(t));
    add(dataset, dct('license'), licence);
    add(dataset, dct('accessRights'), namedNode(vocabulary.accessPublic));
    add(dataset, dct('accrualPeriodicity'), namedNode(vocabulary.continuous));
    add(dataset, dct('spatial'), namedNode(vocabulary.norway));
    for (const l of vocabulary.languages) add(dataset, dct('language'), namedNode(l));
    add(dataset, dcat('landingPage'), namedNode(`${origin}${d.landingPage}`));
    if (contact) add(dataset, dcat('contactPoint'), contact);
    if (modified) add(dataset, dct('modified'), date(modified));
    if (issued) add(dataset, dct('issued'), date(issued));

    for (const x of d.distributions) {
      const distribution = node(`distribusjon-${x.id}`);
      add(dataset, dcat('distribution'), distribution);
      add(distribution, rdf('type'), dcat('Distribution'));
      texts(distribution, dct('title'), x.title);
      texts(distribution, dct('description'), x.description);
      add(distribution, dcat('accessURL'), namedNode(`${origin}${x.path}`));
      add(distribution, dct('format'), namedNode(x.format));
      add(distribution, dcat('mediaType'), namedNode(x.mediaType));
      add(distribution, dct('license'), licence);
      for (const s of x.conformsTo) {
        add(distribution, dct('conformsTo'), namedNode(s.uri));
        if (described.has(s.uri)) continue;
        described.add(s.uri);
        add(namedNode(s.uri), rdf('type'), dct('Standard'));
        add(namedNode(s.uri), dct('title'), literal(s.title, 'en'));
      }
    }
  }
  // Grouped by subject (first seen first), so the Turtle reads as one block per thing.
  const order = [...new Set(out.map((q) => q.subject.value))];
  return order.flatMap((subject) => out.filter((q) => q.subject.value === subject));
}

export function toTurtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ format: 'text/turtle', prefixes: { dcat: ns.dcat, dct: ns.dct, foaf: ns.foaf, vcard: ns.vcard, xsd: ns.xsd } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}

type JsonLdValue = { '@id': string } | { '@value': string; '@language'?: string; '@type'?: string };

/**
 * The same graph as expanded JSON-LD, one node object per subject (JSON-LD 1.1's "RDF to JSON-LD" for a
 * graph of named nodes without lists): no context to fetch, so any JSON-LD processor reads it offline.
 */
export function toJsonLd(quads: Quad[]) {
  const nodes = new Map<string, Record<string, unknown> & { '@id': string }>();
  for (const q of quads) {
    const subject = q.subject.value;
    const nodeObject = nodes.get(subject) ?? { '@id': subject };
    nodes.set(subject, nodeObject);
    if (q.predicate.value === `${ns.rdf}type` && q.object.termType === 'NamedNode') {
      nodeObject['@type'] = [...((nodeObject['@type'] as string[] | undefined) ?? []), q.object.value];
      continue;
    }
    const o = q.object;
    const value: JsonLdValue =
      o.termType === 'Literal'
        ? o.language
          ? { '@value': o.value, '@language': o.language }
          : o.datatype.value === `${ns.xsd}string`
            ? { '@value': o.value }
            : { '@value': o.value, '@type': o.datatype.value }
        : { '@id': o.value };
    nodeObject[q.predicate.value] = [...((nodeObject[q.predicate.value] as JsonLdValue[] | undefined) ?? []), value];
  }
  return [...nodes.values()];
}

/** JSON-LD only when the client prefers it to Turtle (`Accept: application/ld+json`); Turtle otherwise, wildcards included. */
export function prefersJsonLd(accept: string | null) {
  const quality = (type: string) => {
    let best = 0;
    let specificity = -1;
    for (const part of (accept ?? '').split(',')) {
      const [range, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const value = q ? Number(q.slice(2)) : 1;
      const [main] = type.split('/');
      const s = range === type ? 2 : range === `${main}/*` ? 1 : range === '*/*' ? 0 : -1;
      if (s > specificity && Number.isFinite(value)) [best, specificity] = [value, s];
    }
    return best;
  };
  return quality('application/ld+json') > quality('text/turtle');
}
