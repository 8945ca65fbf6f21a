import http from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { inject } from 'vitest';
import * as s from '../../db/schema/index';
import { issueToken } from '../../app/domain/auth/accounts.server';
import { createSignup, signupInput } from '../../app/domain/signup/signup.server';
import { GUARD_LIMITS } from '../../app/utils/http-guards.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { send, startBuiltServer, type BuiltServer } from '../setup/built-server';
import { userWithRole } from '../setup/users';

// The guards in app/utils/http-guards.server.ts sit in the Express entry, so these tests talk HTTP to
// the built server (a child process on this file's database), as a browser or an attacker would.
const t = useTestDatabase();
const onPostgres = inject('testDb').kind === 'postgres';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const INBOX_DATA = '_data=routes%2Fklubb.%24orgId.pameldinger';

/** A request whose body is held open: headers (and `first`) go out, the rest never comes unless written. */
function heldRequest(port: number, path: string, headers: Record<string, string>, first = '') {
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { Host: `localhost:${port}`, ...headers }, agent: false });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  req.flushHeaders();
  if (first) req.write(first);
  return { req, answered };
}

async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.runIf(onPostgres)('requests at the door of the built server', () => {
  let server: BuiltServer;
  let orgId = 0;
  let slug = '';
  let cookie = '';
  let signupId = 0;

  beforeAll(async () => {
    const [a] = await db().select().from(s.activity).where(eq(s.activity.status, 'published')).orderBy(s.activity.id).limit(1);
    await db().update(s.activity).set({ openForNew: true, expiresAt: new Date(Date.now() + 864e5 * 30) }).where(eq(s.activity.id, a.id));
    orgId = a.organisationId;
    slug = a.slug;
    const created = await createSignup(a.slug, signupInput.parse({ participantFirstName: 'Vakt', birthYear: '2015', guardianName: 'Vakt Forelder', guardianEmail: 'vakt@example.no', guardianPhone: '', language: 'nb', message: '', website: '' }), '198.51.100.77');
    if (!created.ok) throw new Error(`sign-up: ${created.reason}`);
    const [row] = await db().select({ id: s.signupRequest.id }).from(s.signupRequest).orderBy(sql`${s.signupRequest.id} desc`).limit(1);
    signupId = row.id;
    cookie = (await userWithRole('club_admin', { organisationId: orgId })).cookie;
    server = await startBuiltServer({ DATABASE_URL: t.url! });
  }, 60_000);
  afterAll(async () => server?.stop());

  const statusOfSignup = async () => (await db().select({ status: s.signupRequest.status }).from(s.signupRequest).where(eq(s.signupRequest.id, signupId)))[0].status;
  const outboxRows = async () => Number((await t.handle.query<{ n: string }>('select count(*) as n from outbox'))[0].n);
  const decide = (status: string, headers: Record<string, string>, data: boolean) =>
    send(server.port, {
      method: 'POST',
      path: `/klubb/${orgId}/pameldinger${data ? `?${INBOX_DATA}` : ''}`,
      headers: { ...FORM, Cookie: cookie, Accept: data ? '*/*' : 'text/html', ...headers },
      body: new URLSearchParams({ signupId: String(signupId), status }).toString(),
    });

  describe('a write from anywhere but the portal’s own pages is refused with 403 and changes nothing', () => {
    const forged: [string, Record<string, string>][] = [
      ['another site', { Origin: 'https://angriper.example' }],
      ['Origin: null (a sandboxed frame, a data: page)', { Origin: 'null' }],
      ['the same site on another port', { Origin: 'http://localhost:1' }],
      ['no Origin and a Referer from another site', { Referer: 'https://angriper.example/side' }],
      ['neither Origin nor Referer', {}],
      ['an Origin that is not a URL', { Origin: 'fritidsportal' }],
    ];
    test.each(forged)('%s: document POST and ?_data POST', async (_what, headers) => {
      const mails = await outboxRows();
      for (const data of [false, true]) {
        const res = await decide('declined', headers, data);
        expect(res.status, `${data ? '?_data' : 'document'}: ${res.text}`).toBe(403);
        expect(res.headers['cache-control']).toBe('no-store');
        if (data) expect(res.headers['x-remix-catch']).toBe('yes');
        else expect(res.text).toContain('Skjemaet kom ikke fra Fritidsportalen');
      }
      expect(await statusOfSignup()).toBe('new');
      expect(await outboxRows()).toBe(mails);
    });

    test('the same POSTs from the portal’s own origin do what they ask, by Origin or by Referer', async () => {
      const data = await decide('waitlisted', { Origin: server.origin }, true);
      expect(data.status, data.text).toBe(204);
      expect(data.headers['x-remix-redirect']).toContain(`/klubb/${orgId}/pameldinger`);
      expect(await statusOfSignup()).toBe('waitlisted');
      const doc = await decide('accepted', { Origin: server.origin }, false);
      expect(doc.status, doc.text).toBe(302);
      expect(await statusOfSignup()).toBe('accepted');
      const byReferer = await decide('declined', { Referer: `${server.origin}/klubb/${orgId}/pameldinger` }, false);
      expect(byReferer.status, byReferer.text).toBe(302);
      expect(await statusOfSignup()).toBe('declined');
    });

    test('a document POST whose Host is not the Origin’s host gets 403, not Remix’s 500', async () => {
      const res = await send(server.port, { method: 'POST', path: '/logg-inn', headers: { ...FORM, Origin: server.origin, Host: `127.0.0.1:${server.port}` }, body: 'email=a%40b.no&password=x' });
      expect(res.status).toBe(403);
    });
  });

  describe('bodies are bounded per route and refused with 413 before they are read', () => {
    test('a declared 200 MB body gets 413 at once, with nothing but its headers sent', async () => {
      const { req, answered } = heldRequest(server.port, '/logg-inn', { ...FORM, Origin: server.origin, 'Content-Length': String(200 * 1024 * 1024) }, 'email=');
      const res = await answered;
      expect(res.statusCode).toBe(413);
      expect(res.headers.connection).toBe('close');
      req.destroy();
    });

    test('a chunked body is counted as it streams and cut off past the limit, without waiting for its end', async () => {
      for (const path of ['/logg-inn', `/aktiviteter/${slug}?_data=routes%2Faktiviteter.%24slug`]) {
        const { req, answered } = heldRequest(server.port, path, { ...FORM, Origin: server.origin, 'Transfer-Encoding': 'chunked' }, 'email=');
        let status = 0;
        void answered.then((r) => (status = r.statusCode ?? 0), () => {});
        let written = 0;
        const chunk = Buffer.alloc(16 * 1024, 'a');
        let closed = false;
        req.once('close', () => (closed = true));
        while (!status && !closed && written < 256 * 1024 * 1024) {
          await new Promise<void>((resolve) => {
            if (req.write(chunk)) return void setImmediate(resolve);
            req.once('drain', resolve);
            req.once('close', resolve);
          });
          written += chunk.length;
        }
        const res = await answered;
        // The body never ended: an answer at all means the server did not wait for it.
        expect(res.statusCode, path).toBe(413);
        req.destroy();
      }
    });

    test('an ordinary form within the limit passes; a CSV import may be larger, up to its own limit', async () => {
      const long = await send(server.port, { method: 'POST', path: '/logg-inn', headers: { ...FORM, Origin: server.origin }, body: `email=${'a'.repeat(GUARD_LIMITS.formBytes - 100)}&password=x` });
      expect(long.status).toBe(400);
      expect(long.text).not.toContain('for stort');
      const boundary = 'vakt';
      const file = (bytes: number) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${'x'.repeat(bytes)}\r\n--${boundary}--\r\n`;
      const multipart = { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: server.origin, Cookie: cookie };
      const withinImport = await send(server.port, { method: 'POST', path: `/klubb/${orgId}/import`, headers: multipart, body: file(512 * 1024) });
      expect(withinImport.status).not.toBe(413);
      expect(withinImport.status).toBeLessThan(500);
      const pastImport = await send(server.port, { method: 'POST', path: `/klubb/${orgId}/import`, headers: multipart, body: file(GUARD_LIMITS.uploadBytes + 1) }).catch((e: Error) => e);
      // The server may close the socket before all of a large body is written; then there is no status to read.
      if (!(pastImport instanceof Error)) expect(pastImport.status).toBe(413);
      const sameOnForm = await send(server.port, { method: 'POST', path: '/logg-inn', headers: multipart, body: file(1000) });
      expect(sameOnForm.status).toBe(415);
    });
  });

  describe('any Content-Type and any byte sequence gets 400 or 415, never 500', () => {
    test('a form route refuses a body that is not a form with 415', async () => {
      const cases: [string, string, string | undefined][] = [
        ['/logg-inn', '{"email":"a@b.no"}', 'application/json'],
        [`/aktiviteter/${slug}`, 'participantFirstName=Ola', 'text/plain'],
        ['/glemt-passord', '--x\r\n\r\n', 'multipart/form-data; boundary=x'],
        ['/registrer-klubb', '<a/>', 'application/xml'],
        ['/fritidsguide', 'email=a', undefined],
        ['/logg-inn?_data=routes%2Flogg-inn._index', '{}', 'application/json'],
      ];
      for (const [path, body, type] of cases) {
        const res = await send(server.port, { method: 'POST', path, headers: { Origin: server.origin, ...(type ? { 'Content-Type': type } : {}) }, body });
        expect(res.status, `${path} ${type}`).toBe(415);
      }
    });

    test('a NUL byte or a malformed escape in the path, the query or a form gives 400', async () => {
      const before = Number((await t.handle.query<{ n: string }>('select count(*) as n from signup_request'))[0].n);
      for (const path of ['/aktiviteter?q=%00', '/aktiviteter/%00', '/aktiviteter/kart.json?q=%00', '/aktiviteter?q=%E0%A4', '/aktiviteter?alder=%ZZ', `/aktiviteter/${slug}%C0`, '/samtykke/%00', '/pamelding/%00/x']) {
        for (const method of ['GET', 'HEAD']) {
          const res = await send(server.port, { method, path });
          expect(res.status, `${method} ${path}`).toBe(400);
        }
      }
      const form = { participantFirstName: 'Ola', birthYear: '2015', guardianName: 'Kari', guardianEmail: 'kari@example.no', language: 'nb' };
      for (const body of [`${new URLSearchParams(form)}&message=hei%00`, `${new URLSearchParams(form)}&message=hei\0`]) {
        const res = await send(server.port, { method: 'POST', path: `/aktiviteter/${slug}`, headers: { ...FORM, Origin: server.origin }, body });
        expect(res.status).toBe(400);
      }
      expect(Number((await t.handle.query<{ n: string }>('select count(*) as n from signup_request'))[0].n)).toBe(before);
      // The same form without the NUL is a sign-up.
      const ok = await send(server.port, { method: 'POST', path: `/aktiviteter/${slug}`, headers: { ...FORM, Origin: server.origin }, body: `${new URLSearchParams(form)}&message=hei` });
      expect(ok.status).toBe(302);
    });

    test('the refusal is a page in the reader’s language for a browser', async () => {
      const res = await send(server.port, { path: '/aktiviteter?q=%00&lng=en', headers: { Accept: 'text/html' } });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('<html lang="en" dir="ltr">');
      expect(res.text).toContain('We cannot read the address or the form');
      const ar = await send(server.port, { path: '/aktiviteter/%00', headers: { Accept: 'text/html', 'Accept-Language': 'ar' } });
      expect(ar.text).toContain('dir="rtl"');
    });
  });
});

describe.runIf(onPostgres)('e-mail confirmation through the built server', () => {
  let server: BuiltServer;
  beforeAll(async () => {
    server = await startBuiltServer({ DATABASE_URL: t.url! });
  }, 60_000);
  afterAll(async () => server?.stop());

  test('opening the link (as a mail scanner does) changes nothing; the page’s button confirms, once', async () => {
    const u = await userWithRole('club_admin', { organisationId: (await db().select({ id: s.organisation.id }).from(s.organisation).limit(1))[0].id });
    await db().update(s.user).set({ emailVerifiedAt: null }).where(eq(s.user.id, u.id));
    const verified = async () => (await db().select({ at: s.user.emailVerifiedAt }).from(s.user).where(eq(s.user.id, u.id)))[0].at;
    const token = await issueToken('verify_email', u.id);
    const path = `/bekreft-epost/${token}`;
    for (const method of ['GET', 'HEAD', 'GET']) {
      const res = await send(server.port, { method, path, headers: { Accept: 'text/html' } });
      expect(res.status).toBe(200);
      if (method === 'GET') expect(res.text).toContain('<form method="post"');
    }
    expect((await send(server.port, { path: `${path}?_data=routes%2Fbekreft-epost.%24token` })).text).toBe('{"valid":true}');
    expect(await verified()).toBeNull();
    // A form posted from elsewhere does not confirm either.
    expect((await send(server.port, { method: 'POST', path, headers: { ...FORM, Origin: 'https://skanner.example' }, body: '' })).status).toBe(403);
    expect(await verified()).toBeNull();
    const confirm = await send(server.port, { method: 'POST', path, headers: { ...FORM, Origin: server.origin, Accept: 'text/html' }, body: '' });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('E-postadressen er bekreftet');
    expect(await verified()).not.toBeNull();
    const again = await send(server.port, { method: 'POST', path, headers: { ...FORM, Origin: server.origin, Accept: 'text/html' }, body: '' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Lenken er ugyldig eller utløpt');
  });
});

describe.runIf(onPostgres)('a full server answers 503 at once instead of queueing', () => {
  let server: BuiltServer;
  beforeAll(async () => {
    server = await startBuiltServer({ DATABASE_URL: t.url!, MAX_IN_FLIGHT: '2' });
  }, 60_000);
  afterAll(async () => server?.stop());

  test('with two requests held open, the third gets 503 with Retry-After; /healthz still answers; then it serves again', async () => {
    // Two sign-in forms whose bodies never finish: each stays in flight until its connection goes.
    const held = [0, 1].map(() => heldRequest(server.port, '/glemt-passord', { ...FORM, Origin: server.origin, 'Content-Length': '1000' }, 'email='));
    const busy = await until('503 while two requests are held', () => send(server.port, { path: '/aktiviteter' }), (r) => r.status === 503);
    expect(busy.headers['retry-after']).toBe(String(GUARD_LIMITS.retryAfterSeconds));
    expect(busy.ms).toBeLessThan(1_000);
    // Static files and the liveness check are not counted.
    expect((await send(server.port, { path: '/healthz' })).status).toBe(200);
    expect((await send(server.port, { path: '/favicon.svg' })).status).not.toBe(503);
    for (const h of held) {
      h.answered.catch(() => {});
      h.req.destroy();
    }
    await until('200 once the held requests are gone', () => send(server.port, { path: '/aktiviteter' }), (r) => r.status === 200);
  });
});
