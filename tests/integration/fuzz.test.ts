import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { inject } from 'vitest';
import * as s from '../../db/schema/index';
import { issueToken } from '../../app/domain/auth/accounts.server';
import { adaptations, categories, leaderLanguages } from '../../app/domain/catalogue/taxonomy';
import { createSelfRequest, selfRequestInput } from '../../app/domain/referral/referral.server';
import { createSignup, signupInput } from '../../app/domain/signup/signup.server';
import { languages } from '../../app/i18n';
import { db } from '../../app/utils/db.server';
import { GUARD_LIMITS } from '../../app/utils/http-guards.server';
import { useTestDatabase } from '../setup/db';
import { send, startBuiltServer, type BuiltServer, type Sent } from '../setup/built-server';

// Generated requests against the built server: every public form and query parameter, with random
// bytes, unicode, huge values and wrong content types. No answer may be a 5xx, and a request that is
// refused (anything but 2xx/3xx) may not add a sign-up, a referral, a user or a message.
// Seeded: FUZZ_SEED=<n> repeats a run; FUZZ_REQUESTS and FUZZ_SECONDS bound it.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const MAX_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const TIME_LIMIT_MS = Number(process.env.FUZZ_SECONDS ?? 30) * 1000;

const t = useTestDatabase();
const onPostgres = inject('testDb').kind === 'postgres';

interface Known {
  slugs: string[];
  organisations: string[];
  kommuner: string[];
  areas: string[];
  signupToken: string;
  guardianToken: string;
  verifyToken: string;
  resetToken: string;
}

// ---- values ----------------------------------------------------------------------------------------

const nasty = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'null', '[]', '{}', '%', '%%', '..', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", '\u202e', '\ufeff', '\ud800', '𝕏😀', 'ا'.repeat(300), '\r\n', '\u0000', 'a\u0000b', '999999999999999999999', '2015.5'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  // Rarely, past the form limit.
  fc.nat({ max: 10 }).map((n) => 'x'.repeat(n === 10 ? GUARD_LIMITS.formBytes + 10 : n * 1000)),
);

const unreserved = /[A-Za-z0-9\-_.~]/;
const escapeBytes = (bytes: Uint8Array) => [...bytes].map((b) => (unreserved.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** How a value travels in an address or a form: UTF-8 escaped, arbitrary bytes escaped, or broken escapes. */
const encoded = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: value.map((v) => escapeBytes(Buffer.from(v, 'utf8'))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 24 }).map(escapeBytes) },
    { weight: 1, arbitrary: fc.tuple(value, fc.constantFrom('%', '%Z', '%E0%A4', '%C0%AF', '%ED%A0%80', '%FF', '%00', '+')).map(([v, broken]) => escapeBytes(Buffer.from(v, 'utf8')) + broken) },
  );

const either = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: nasty });
const year = fc.integer({ min: 2004, max: 2024 }).map(String);

// ---- requests --------------------------------------------------------------------------------------

const SEARCH_PARAMS = ['q', 'alder', 'kategori', 'kommune', 'omrade', 'dag', 'maks_pris', 'gratis', 'prove', 'utlan', 'tilrettelagt', 'sprak', 'side', 'sortering', 'stotte', 'dropin', 'nybegynner', 'kjonn', 'lat', 'lon', 'lng'];

function searchValue(name: string, k: Known): fc.Arbitrary<string> {
  const good: Record<string, fc.Arbitrary<string>> = {
    q: fc.constantFrom('fotball', 'dans', 'svømming', 'ski', 'kor'),
    alder: fc.integer({ min: -2, max: 30 }).map(String),
    kategori: fc.constantFrom(...categories),
    kommune: fc.constantFrom(...k.kommuner),
    omrade: fc.constantFrom(...k.areas),
    dag: fc.integer({ min: 0, max: 8 }).map(String),
    maks_pris: fc.integer({ min: -100, max: 2_000_000 }).map(String),
    tilrettelagt: fc.constantFrom(...adaptations),
    sprak: fc.constantFrom(...leaderLanguages),
    side: fc.integer({ min: -1, max: 20_000 }).map(String),
    sortering: fc.constantFrom('relevans', 'naer', 'pris', 'nylig'),
    kjonn: fc.constantFrom('girls', 'boys'),
    lat: fc.double({ min: 50, max: 80, noNaN: true }).map(String),
    lon: fc.double({ min: 0, max: 40, noNaN: true }).map(String),
    lng: fc.constantFrom(...languages),
  };
  // A generated name may be `constructor` or `__proto__`: only the object's own keys count.
  return either(Object.hasOwn(good, name) ? good[name] : fc.constantFrom('1', 'true', 'on'));
}

const query = (names: string[], k: Known) =>
  fc
    .array(
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }).chain((name) => fc.tuple(fc.constant(name), encoded(searchValue(name, k)))),
      { maxLength: 8 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([n, v]) => `${escapeBytes(Buffer.from(n, 'utf8'))}=${v}`).join('&')}` : ''));

/** Each field with a value its form accepts; the generator below breaks them (or not). */
type Form = Record<string, fc.Arbitrary<string>>;

function forms(k: Known): [string, fc.Arbitrary<string>, Form][] {
  const token = (good: string) => encoded(either(fc.constant(good)));
  const slug = encoded(either(fc.constantFrom(...k.slugs)));
  return [
    ['/aktiviteter/:slug', slug, {
      participantFirstName: fc.constantFrom('Ola', 'Aisha', 'Nguyễn'), birthYear: year, guardianName: fc.constant('Kari Nordmann'),
      guardianEmail: fc.constantFrom('kari@example.no', 'a@b'), guardianPhone: fc.constantFrom('', '+47 400 00 000'), language: fc.constantFrom(...languages),
      message: fc.constant('Hei'), website: fc.constant(''),
    }],
    ['/logg-inn', fc.constant(''), { email: fc.constantFrom('kari@example.no', 'admin@modum.example'), password: fc.constant('et langt testpassord 2026'), next: fc.constantFrom('/konto', '//evil.example', 'javascript:alert(1)') }],
    ['/registrer-klubb', fc.constant(''), {
      organisationName: fc.constant('Fuzz IL'), orgnr: fc.constantFrom('', '923609016', '123'), kommune: fc.constantFrom(...k.kommuner),
      contactName: fc.constant('Kari'), email: fc.constant('fuzz@example.no'), phone: fc.constant(''), password: fc.constant('et langt fuzzpassord 2026'), website: fc.constant(''),
    }],
    ['/glemt-passord', fc.constant(''), { email: fc.constant('kari@example.no') }],
    ['/fritidsguide', fc.constant(''), {
      kommune: fc.constantFrom(...k.kommuner), who: fc.constantFrom('guardian', 'young_person'), childFirstName: fc.constant('Sara'), birthYear: year,
      contactName: fc.constant('Mor'), phone: fc.constant('+47 400 00 001'), email: fc.constant(''), language: fc.constantFrom(...languages),
      consent: fc.constant('on'), age15: fc.constant('on'), website: fc.constant(''),
    }],
    ['/samtykke/:token', token(k.guardianToken), { intent: fc.constantFrom('give', 'decline', 'club-yes', 'club-no', 'withdraw'), club: fc.integer({ min: -1, max: 100 }).map(String) }],
    ['/pamelding/:token', token(k.signupToken), { intent: fc.constantFrom('confirm-withdraw', 'withdraw') }],
    ['/bekreft-epost/:token', token(k.verifyToken), {}],
    ['/nytt-passord/:token', token(k.resetToken), { password: fc.constant('et nytt langt passord 2026') }],
  ];
}

function pages(k: Known): fc.Arbitrary<string>[] {
  const token = (good: string) => encoded(either(fc.constant(good)));
  const slug = encoded(either(fc.constantFrom(...k.slugs)));
  return [
    fc.constantFrom('/', '/stotte', '/utstyr', '/apne-dager', '/logg-inn', '/registrer-klubb', '/glemt-passord', '/fritidsguide', '/healthz', '/readyz'),
    query(SEARCH_PARAMS, k).map((q) => `/aktiviteter${q}`),
    query(SEARCH_PARAMS, k).map((q) => `/aktiviteter/kart.json${q}`),
    fc.tuple(slug, query(['lng', 'dato'], k)).map(([sl, q]) => `/aktiviteter/${sl}${q}`),
    slug.map((sl) => `/aktiviteter/${sl}/kalender.ics`),
    encoded(either(fc.constantFrom(...k.organisations))).map((o) => `/organisasjoner/${o}`),
    fc.tuple(token(k.guardianToken), fc.constantFrom('', '/data.json', '/kvittering.txt')).map(([tk, rest]) => `/samtykke/${tk}${rest}`),
    token(k.signupToken).map((tk) => `/pamelding/${tk}`),
    token(k.verifyToken).map((tk) => `/bekreft-epost/${tk}`),
    token(k.resetToken).map((tk) => `/nytt-passord/${tk}`),
    fc.tuple(either(fc.constantFrom(...languages)), either(fc.constantFrom('common', 'catalogue', 'signup'))).map(([l, n]) => `/locales/${escapeBytes(Buffer.from(l))}/${escapeBytes(Buffer.from(n))}`),
    fc.uint8Array({ maxLength: 30 }).map((b) => `/${escapeBytes(b)}`),
  ];
}

const CONTENT_TYPES = ['application/json', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/xml', 'application/x-www-form-urlencoded; charset=utf-16', '*/*', ';;;', 'application/x-www-form-urlencoded\u00ff'];

function requests(k: Known): fc.Arbitrary<Sent & { label: string }> {
  const origin = `__ORIGIN__`;
  const headers = fc.record(
    {
      Origin: fc.oneof({ weight: 8, arbitrary: fc.constant(origin) }, { weight: 1, arbitrary: fc.constantFrom('null', 'https://angriper.example', 'http://localhost:1', 'x') }),
      Accept: fc.constantFrom('text/html', '*/*', 'application/json'),
      'Accept-Language': fc.oneof(fc.constantFrom('nb', 'ar', 'en-US,en;q=0.9', 'ti;q=x', '*', ';;', 'zz-ZZ'), fc.string({ maxLength: 20 }).map((v) => v.replace(/[^\x20-\x7e]/g, ''))),
      Cookie: fc.oneof(fc.constantFrom('lng=ar', 'lng=%00', 'lng=', 'fp_session=abc', 'fp_session=%ZZ; lng=nb'), encoded(nasty).map((v) => `lng=${v}`)),
    },
    { requiredKeys: ['Accept'] },
  );
  const get = fc.record({ method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), path: fc.oneof(...pages(k)), headers }).map((r) => ({ ...r, label: 'page' }));
  const post = fc.oneof(...forms(k).map(([pattern, param, fields]) =>
    fc
      .record({
        method: fc.oneof({ weight: 9, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS') }),
        param,
        data: fc.boolean(),
        // A quarter are forms as a browser sends them, with every field valid: they must work, and the
        // refusals among them (a rate limit, a closed link) must still change nothing.
        values: fc.oneof(
          { weight: 1, arbitrary: fc.record(Object.fromEntries(Object.entries(fields).map(([name, v]) => [name, v.map((x) => escapeBytes(Buffer.from(x, 'utf8')))]))) },
          { weight: 3, arbitrary: fc.record(Object.fromEntries(Object.entries(fields).map(([name, v]) => [name, encoded(either(v))])), { requiredKeys: [] }) },
        ),
        extra: fc.array(fc.tuple(encoded(nasty), encoded(nasty)), { maxLength: 2 }),
        body: fc.oneof(
          { weight: 8, arbitrary: fc.constant('form' as const) },
          { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
          { weight: 1, arbitrary: fc.json().map((j) => j) },
        ),
        type: fc.oneof({ weight: 8, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.constant('') }),
        headers,
      })
      .map((r) => {
        const path = pattern.replace(/:\w+/, r.param) + (r.data ? `?_data=${encodeURIComponent(`routes/${pattern.slice(1).replace(/\//g, '.').replace(':', '$')}`)}` : '');
        const form = [...Object.entries(r.values), ...r.extra].map(([n, v]) => `${n}=${v}`).join('&');
        const body = r.body === 'form' ? form : r.body;
        return { method: r.method, path, headers: { ...r.headers, ...(r.type ? { 'Content-Type': r.type } : {}) }, body, label: pattern };
      }),
  ));
  return fc.oneof({ weight: 11, arbitrary: get }, { weight: 9, arbitrary: post });
}

// ---- the run ---------------------------------------------------------------------------------------

describe.runIf(onPostgres)('fuzzing the built server', () => {
  let server: BuiltServer;
  const known = {} as Known;

  beforeAll(async () => {
    const acts = await db().select({ slug: s.activity.slug, id: s.activity.id }).from(s.activity).where(eq(s.activity.status, 'published')).orderBy(s.activity.id).limit(3);
    for (const a of acts) await db().update(s.activity).set({ openForNew: true, expiresAt: new Date(Date.now() + 864e5 * 30) }).where(eq(s.activity.id, a.id));
    known.slugs = acts.map((a) => a.slug);
    known.organisations = (await db().select({ slug: s.organisation.slug }).from(s.organisation).limit(3)).map((o) => o.slug);
    known.kommuner = (await db().select({ slug: s.kommune.slug }).from(s.kommune)).map((k) => k.slug);
    known.areas = (await db().select({ slug: s.area.slug }).from(s.area).limit(5)).map((a) => a.slug);
    const signup = await createSignup(known.slugs[0], signupInput.parse({ participantFirstName: 'Fuzz', birthYear: '2015', guardianName: 'Fuzz Forelder', guardianEmail: 'fuzz@example.no', guardianPhone: '', language: 'nb', message: '', website: '' }), '198.51.100.88');
    if (!signup.ok) throw new Error(`sign-up: ${signup.reason}`);
    known.signupToken = signup.token;
    const self = await createSelfRequest(selfRequestInput.parse({ kommune: known.kommuner[0], who: 'guardian', childFirstName: 'Fuzz', birthYear: '2014', contactName: 'Fuzz Mor', phone: '+47 400 00 002', email: '', language: 'nb', consent: 'on' }));
    if (!self) throw new Error('self request failed');
    known.guardianToken = self.token;
    const [u] = await db().select({ id: s.user.id }).from(s.user).limit(1);
    known.verifyToken = await issueToken('verify_email', u.id);
    known.resetToken = await issueToken('reset_password', u.id);
    server = await startBuiltServer({ DATABASE_URL: t.url! });
  }, 60_000);
  afterAll(async () => server?.stop());

  const counts = async () =>
    (await t.handle.query<Record<string, string>>(`select (select count(*) from signup_request) as signup_request, (select count(*) from referral) as referral, (select count(*) from "user") as "user", (select count(*) from outbox) as outbox`))[0];

  test(`no generated request gets a 5xx, and a refused one changes no row (seed ${SEED})`, async () => {
    const generated = fc.sample(requests(known), { seed: SEED, numRuns: MAX_REQUESTS });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const timing = new Map<string, [number, number]>();
    let before = await counts();
    const started = Date.now();
    let sent = 0;
    for (const [i, g] of generated.entries()) {
      if (Date.now() - started > TIME_LIMIT_MS) break;
      const r: Sent = { ...g, headers: Object.fromEntries(Object.entries(g.headers ?? {}).map(([n, v]) => [n, v === '__ORIGIN__' ? server.origin : v])) };
      const describe = () => `#${i} ${r.method} ${r.path.slice(0, 300)} ${JSON.stringify(r.headers)} body=${JSON.stringify(String(r.body ?? '').slice(0, 300))}`;
      sent++;
      let status: number;
      try {
        const answer = await send(server.port, r);
        status = answer.status;
        const section = `${r.method === 'GET' || r.method === 'HEAD' ? 'GET' : 'POST'} /${r.path.split(/[/?]/)[1] ?? ''} ${status < 400 ? 'ok' : 'refused'}`;
        const [n, ms] = timing.get(section) ?? [0, 0];
        timing.set(section, [n + 1, ms + answer.ms]);
      } catch (error) {
        // A body past the limit may be cut off while it is still being written, and so may a request
        // head past Node's 16 kB (its 431): the answer is then unread.
        const large = Buffer.byteLength(r.body ?? '') > GUARD_LIMITS.formBytes || r.path.length + JSON.stringify(r.headers).length > 15_000;
        if (!large) failures.push(`${(error as Error).message}: ${describe()}`);
        before = await counts();
        continue;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push(`${status}: ${describe()}`);
      const after = await counts();
      if ((status < 200 || status >= 400) && JSON.stringify(after) !== JSON.stringify(before)) {
        failures.push(`${status} changed rows ${JSON.stringify(before)} → ${JSON.stringify(after)}: ${describe()}`);
      }
      before = after;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: seed ${SEED}, ${sent} requests in ${seconds} s, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    if (process.env.FUZZ_TIMING) console.log([...timing].sort((a, b) => b[1][1] - a[1][1]).map(([k, [n, ms]]) => `${k}: ${n} × ${(ms / n).toFixed(1)} ms`).join('\n'));
    expect(sent).toBeGreaterThanOrEqual(Math.min(MAX_REQUESTS, 500));
    expect(failures, `seed ${SEED} (FUZZ_SEED=${SEED} repeats it); ${failures.length} failures:\n${failures.slice(0, 15).join('\n')}\n\nserver log:\n${server.output().slice(-3000)}`).toEqual([]);
  }, 90_000);
});
