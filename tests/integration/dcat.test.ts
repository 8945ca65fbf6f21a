import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import rdf from '@zazuko/env-node';
import { eq } from 'drizzle-orm';
import { Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import * as s from '../../db/schema/index';
import { isPublic } from '../../app/domain/catalogue/public.server';
import * as dcatRoute from '../../app/routes/dcat';
import { db } from '../../app/utils/db.server';
import { parseEnv, resetEnv } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';

// Issue 14, part 4: /dcat is a DCAT-AP-NO 2.0 catalogue data.norge.no can harvest. Checked offline
// against the profile's own SHACL shapes (docs/standards/dcat-ap-no-2.0) with the EU vocabulary
// concepts it uses (tests/fixtures/dcat-eu-vocabularies.ttl), as data.norge.no's validator would.
useTestDatabase();

const PUBLIC_URL = 'https://fritid.example.no';
const DCT = 'http://purl.org/dc/terms/';
const DCAT = 'http://www.w3.org/ns/dcat#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const CC_BY = 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0';

const settings = ['PUBLIC_URL', 'PORTAL_MODE', 'OPEN_DATA_PUBLISHER_ORGNR', 'OPEN_DATA_PUBLISHER_NAME', 'OPEN_DATA_CONTACT_EMAIL', 'ENCRYPTION_KEYS', 'SMTP_URL'] as const;
const saved = Object.fromEntries(settings.map((k) => [k, process.env[k]]));
function setEnv(values: Partial<Record<(typeof settings)[number], string>>) {
  for (const k of settings) delete process.env[k];
  Object.assign(process.env, { PUBLIC_URL, PORTAL_MODE: 'demo', ...values });
  resetEnv();
}
beforeEach(() => setEnv({}));
afterAll(() => {
  for (const k of settings) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnv();
});

const readTurtle = (file: string) => new Parser().parse(readFileSync(file, 'utf8'));
const shapes = rdf.dataset([...readTurtle('docs/standards/dcat-ap-no-2.0/DCAT-AP-NO-shacl_shapes_2.00.ttl'), ...readTurtle('docs/standards/dcat-ap-no-2.0/ontologies.ttl')]);
const vocabularies = readTurtle('tests/fixtures/dcat-eu-vocabularies.ttl');

/** Validates a catalogue graph as data.norge.no would, offline: the ontologies' owl:imports are answered with nothing. */
async function validate(catalogue: Quad[]) {
  const imported: string[] = [];
  const validator = new SHACLValidator(shapes, {
    factory: rdf,
    importGraph: (url) => {
      imported.push(url.value);
      return rdf.dataset();
    },
  });
  const report = await validator.validate(rdf.dataset([...catalogue, ...vocabularies]));
  // One line per result, so a failing test prints what the shapes found.
  const results = report.results.map((r) => `${r.severity?.value.split('#')[1]}: ${r.focusNode?.value} ${r.path?.value ?? ''}: ${r.message.map((m) => m.value).join(' | ')}`);
  return { conforms: report.conforms, results, imported };
}

async function getCatalogue(accept?: string) {
  const res = (await dcatRoute.loader({ request: new Request(`${PUBLIC_URL}/dcat`, { headers: accept ? { Accept: accept } : {} }), params: {}, context: {} })) as Response;
  return { res, text: res.status === 200 ? await res.text() : '' };
}

async function catalogueGraph() {
  const { res, text } = await getCatalogue();
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/turtle; charset=utf-8');
  return new Parser().parse(text);
}

const objects = (graph: Quad[], subject: string, predicate: string) => graph.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
const values = (graph: Quad[], subject: string, predicate: string) => objects(graph, subject, predicate).map((o) => o.value);
const ofType = (graph: Quad[], type: string) => graph.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);
const textIn = (graph: Quad[], subject: string, predicate: string, lng: string) => objects(graph, subject, predicate).find((o) => o.termType === 'Literal' && o.language === lng)?.value;

test('/dcat answers Turtle that conforms to the DCAT-AP-NO 2.0 shapes: no violations, no warnings', async () => {
  const graph = await catalogueGraph();
  const { conforms, results, imported } = await validate(graph);
  expect(results).toEqual([]);
  expect(conforms).toBe(true);
  // The ontologies file was in the shapes graph (its imports were asked for), so the profile was read whole.
  expect(imported).toContain('http://publications.europa.eu/resource/authority/licence');
});

test('the catalogue has the three datasets, titled and described in bokmål, nynorsk and English, every address under PUBLIC_URL', async () => {
  const graph = await catalogueGraph();
  const [catalogue] = ofType(graph, `${DCAT}Catalog`);
  const datasets = values(graph, catalogue, `${DCAT}dataset`);
  expect(datasets.sort()).toEqual(ofType(graph, `${DCAT}Dataset`).sort());

  type Distribution = { url: string; format: string[]; conformsTo: string[]; license: string[] };
  const byTitle: Record<string, Distribution[]> = Object.fromEntries(
    datasets.map((d) => [
      textIn(graph, d, `${DCT}title`, 'nb'),
      values(graph, d, `${DCAT}distribution`).map((x) => ({
        url: values(graph, x, `${DCAT}accessURL`)[0],
        format: values(graph, x, `${DCT}format`),
        conformsTo: values(graph, x, `${DCT}conformsTo`),
        license: values(graph, x, `${DCT}license`),
      })),
    ]),
  );
  const ft = (t: string) => [`http://publications.europa.eu/resource/authority/file-type/${t}`];
  expect(Object.keys(byTitle).sort()).toEqual(['Fritidsaktiviteter (OpenActive)', 'Fritidsaktiviteter (Open Referral HSDS 3.0)', 'Fritidsaktiviteter som kalender'].sort());
  expect(byTitle['Fritidsaktiviteter (OpenActive)'].map((x) => [x.url, x.format])).toEqual([
    [`${PUBLIC_URL}/openactive/session-series`, ft('JSON')],
    [`${PUBLIC_URL}/openactive/scheduled-sessions`, ft('JSON')],
  ]);
  for (const x of byTitle['Fritidsaktiviteter (OpenActive)']) {
    expect(x.conformsTo).toEqual(['https://openactive.io/realtime-paged-data-exchange/', 'https://openactive.io/modelling-opportunity-data/2.0/']);
  }
  expect(byTitle['Fritidsaktiviteter (Open Referral HSDS 3.0)'].map((x) => [x.url, x.format, x.conformsTo])).toEqual([
    [`${PUBLIC_URL}/api/hsds`, ft('JSON'), ['https://github.com/openreferral/specification/tree/3.0']],
  ]);
  expect(byTitle['Fritidsaktiviteter som kalender'].map((x) => [x.url, x.format])).toEqual([
    [`${PUBLIC_URL}/aktiviteter/kalender.ics`, ft('ICS')],
    [`${PUBLIC_URL}/aktiviteter/nye.atom`, ft('ATOM')],
  ]);
  const landing = datasets.map((d) => values(graph, d, `${DCAT}landingPage`)[0]);
  expect(landing).toContain(`${PUBLIC_URL}/openactive`);

  // Every address a harvester follows is the portal's own, from PUBLIC_URL.
  const distributions = ofType(graph, `${DCAT}Distribution`);
  expect(distributions).toHaveLength(5);
  for (const url of [...distributions.flatMap((x) => values(graph, x, `${DCAT}accessURL`)), ...landing, ...values(graph, catalogue, `${FOAF}homepage`)]) {
    expect(url.startsWith(`${PUBLIC_URL}/`), url).toBe(true);
  }
  // CC BY 4.0 on everything, and every text in the three languages.
  for (const x of [catalogue, ...datasets, ...distributions]) expect(values(graph, x, `${DCT}license`), x).toEqual([CC_BY]);
  for (const x of [catalogue, ...datasets, ...distributions]) {
    for (const p of [`${DCT}title`, `${DCT}description`]) {
      expect(objects(graph, x, p).map((o) => (o.termType === 'Literal' ? o.language : '')).sort(), `${x} ${p}`).toEqual(['en', 'nb', 'nn']);
    }
  }
  expect(textIn(graph, datasets.find((d) => textIn(graph, d, `${DCT}title`, 'nb') === 'Fritidsaktiviteter som kalender')!, `${DCT}description`, 'en')).toContain('Any search address works');
});

test('without its licence the catalogue does not conform, and a licence outside the EU vocabulary is a violation (the shapes are active)', async () => {
  const graph = await catalogueGraph();
  const withoutLicence = await validate(graph.filter((q) => q.predicate.value !== `${DCT}license`));
  expect(withoutLicence.conforms).toBe(false);
  for (const x of ofType(graph, `${DCAT}Distribution`)) expect(withoutLicence.results.some((r) => r.includes(`${x} ${DCT}license`)), x).toBe(true);

  const otherLicence = rdf.namedNode('https://creativecommons.org/licenses/by/4.0/');
  const outsideVocabulary = await validate(graph.map((q) => (q.predicate.value === `${DCT}license` ? rdf.quad(q.subject, q.predicate, otherLicence) : q)) as Quad[]);
  expect(outsideVocabulary.conforms).toBe(false);
  expect(outsideVocabulary.results.filter((r) => r.startsWith('Violation') && r.includes(`${DCT}license`)).length).toBe(ofType(graph, `${DCAT}Dataset`).length + ofType(graph, `${DCAT}Distribution`).length);
});

test('a configured publisher is the operator organisation at its Enhetsregisteret address, with a contact point, and still conforms', async () => {
  setEnv({ OPEN_DATA_PUBLISHER_ORGNR: '974 760 673', OPEN_DATA_PUBLISHER_NAME: 'Registerenheten i Brønnøysund', OPEN_DATA_CONTACT_EMAIL: 'apnedata@example.no' });
  const graph = await catalogueGraph();
  const publisher = 'https://data.brreg.no/enhetsregisteret/api/enheter/974760673';
  for (const x of [...ofType(graph, `${DCAT}Catalog`), ...ofType(graph, `${DCAT}Dataset`)]) expect(values(graph, x, `${DCT}publisher`), x).toEqual([publisher]);
  expect(textIn(graph, publisher, `${FOAF}name`, 'nb')).toBe('Registerenheten i Brønnøysund');
  expect(values(graph, publisher, `${DCT}identifier`)).toEqual(['974760673']);
  for (const d of ofType(graph, `${DCAT}Dataset`)) {
    const [contact] = values(graph, d, `${DCAT}contactPoint`);
    expect(values(graph, contact, RDF_TYPE)).toEqual([`${VCARD}Organization`]);
    expect(values(graph, contact, `${VCARD}hasEmail`)).toEqual(['mailto:apnedata@example.no']);
  }
  const { conforms, results } = await validate(graph);
  expect(results).toEqual([]);
  expect(conforms).toBe(true);
});

test('a demo without a publisher says it is a demo; production without one publishes no catalogue; half a publisher stops the boot', async () => {
  const graph = await catalogueGraph();
  const [publisher] = values(graph, ofType(graph, `${DCAT}Catalog`)[0], `${DCT}publisher`);
  expect(publisher).toBe(`${PUBLIC_URL}/dcat#demo-utgiver`);
  expect(textIn(graph, publisher, `${FOAF}name`, 'en')).toBe('Demo publisher (not a real organisation)');
  expect(graph.some((q) => q.predicate.value === `${DCAT}contactPoint`)).toBe(false);

  setEnv({ PORTAL_MODE: 'production', ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`, SMTP_URL: 'smtp://127.0.0.1:9' });
  expect((await getCatalogue()).res.status).toBe(404);

  const base = { PUBLIC_URL, PORTAL_MODE: 'demo' };
  expect(() => parseEnv({ ...base, OPEN_DATA_PUBLISHER_ORGNR: '974760673' })).toThrow(/OPEN_DATA_PUBLISHER_NAME: set both/);
  expect(() => parseEnv({ ...base, OPEN_DATA_PUBLISHER_NAME: 'Kommunen' })).toThrow(/OPEN_DATA_PUBLISHER_ORGNR: set both/);
  expect(() => parseEnv({ ...base, OPEN_DATA_PUBLISHER_ORGNR: '974760674', OPEN_DATA_PUBLISHER_NAME: 'Kommunen' })).toThrow(/OPEN_DATA_PUBLISHER_ORGNR: must be a Norwegian organisation number/);
  expect(() => parseEnv({ ...base, OPEN_DATA_CONTACT_EMAIL: 'not an address' })).toThrow(/OPEN_DATA_CONTACT_EMAIL/);
  expect(parseEnv({ ...base, OPEN_DATA_PUBLISHER_ORGNR: '', OPEN_DATA_PUBLISHER_NAME: '', OPEN_DATA_CONTACT_EMAIL: '' }).OPEN_DATA_PUBLISHER_ORGNR).toBeUndefined();
});

test('Accept: application/ld+json gives the same graph as JSON-LD; wildcards and Turtle-first clients get Turtle', async () => {
  const turtle = await catalogueGraph();
  const { res, text } = await getCatalogue('application/ld+json');
  expect(res.headers.get('Content-Type')).toBe('application/ld+json; charset=utf-8');
  expect(res.headers.get('Vary')).toBe('Accept');
  const parsed = await rdf.dataset().import(rdf.formats.parsers.import('application/ld+json', Readable.from([text]))!);
  const key = (q: { subject: { value: string }; predicate: { value: string }; object: { termType: string; value: string } & Partial<{ language: string; datatype: { value: string } }> }) =>
    JSON.stringify([q.subject.value, q.predicate.value, q.object.termType, q.object.value, q.object.language ?? '', q.object.datatype?.value ?? '']);
  expect(new Set([...parsed].map(key))).toEqual(new Set(turtle.map(key)));
  expect(parsed.size).toBe(turtle.length);

  for (const accept of ['*/*', 'text/turtle, application/ld+json;q=0.5', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
    expect((await getCatalogue(accept)).res.headers.get('Content-Type'), accept).toBe('text/turtle; charset=utf-8');
  }
  expect((await getCatalogue('application/ld+json, text/turtle;q=0.9')).res.headers.get('Content-Type')).toBe('application/ld+json; charset=utf-8');
});

test('modified is the newest change to a public activity (a draft’s change does not count); issued is the first activity registered', async () => {
  const [published, other] = await db().select({ id: s.activity.id }).from(s.activity).where(isPublic()).orderBy(s.activity.id).limit(2);
  await db().update(s.activity).set({ updatedAt: new Date('2030-01-02T03:04:05Z') }).where(eq(s.activity.id, published.id));
  // A club takes an activity back to draft later still: that change is not in the open data.
  await db().update(s.activity).set({ status: 'draft', updatedAt: new Date('2031-01-01T00:00:00Z'), createdAt: new Date('2019-05-06T07:08:09Z') }).where(eq(s.activity.id, other.id));

  const graph = await catalogueGraph();
  for (const x of [...ofType(graph, `${DCAT}Catalog`), ...ofType(graph, `${DCAT}Dataset`)]) {
    expect(objects(graph, x, `${DCT}modified`).map((o) => [o.value, o.termType === 'Literal' ? o.datatype.value : '']), x).toEqual([['2030-01-02T03:04:05.000Z', 'http://www.w3.org/2001/XMLSchema#dateTime']]);
    expect(values(graph, x, `${DCT}issued`), x).toEqual(['2019-05-06T07:08:09.000Z']);
  }
});
