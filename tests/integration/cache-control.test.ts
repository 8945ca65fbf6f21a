import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { issueToken } from '../../app/domain/auth/accounts.server';
import { createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { createSignup, signupInput } from '../../app/domain/signup/signup.server';
import { isLinkPage, PRIVATE_NO_STORE } from '../../app/utils/cache-control.server';
import { MICRO_CACHE_HEADER } from '../../app/utils/micro-cache.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { appHandler, type AppRoute } from '../setup/remix-app';
import { cellRequest, everyone, matrixCells, setUpMatrix, type Matrix } from '../setup/route-matrix';
import { form, request, TEST_PASSWORD, userWithRole } from '../setup/users';

// Issue 9, item 5: `Cache-Control: private, no-store` on every signed-in response and on every page
// opened through a guardian's or a family's link, through the app's real request handler (Remix's
// routing, app/entry.server.tsx, every route module; see tests/setup/remix-app.ts).
useTestDatabase();

let app: Awaited<ReturnType<typeof appHandler>>;
let m: Matrix;
beforeAll(async () => {
  app = await appHandler();
  m = await setUpMatrix();
});

const isRedirect = (status: number) => status >= 300 && status < 400;
const dataQuery = (route: AppRoute, post: boolean) => `?${post && route.index ? 'index&' : ''}_data=${encodeURIComponent(route.id)}`;

/** Full URL pattern of a route, parents included (`/samtykke/:token/data.json`). */
function patternOf(route: AppRoute): string {
  const parent = route.parentId ? app.routes.find((r) => r.id === route.parentId) : undefined;
  const own = route.path ?? '';
  if (!parent) return `/${own}`;
  return `${patternOf(parent).replace(/\/$/, '')}/${own}`.replace(/\/$/, '') || '/';
}
const isResourceRoute = (route: AppRoute) => route.id !== 'root' && !route.module.default;
const readsWhoAsks = (route: AppRoute) => patternOf(route).includes(':token') || /session\.server/.test(readFileSync(path.resolve('app', route.file), 'utf8'));

describe('Cache-Control: private, no-store', () => {
  test('every signed-in answer in the permission matrix says private, no-store, for the page and for its ?_data request', async () => {
    const failures: string[] = [];
    let pagesAnswered200 = 0;
    for (const cell of matrixCells(m)) {
      const route = app.routeOf(cell.module);
      if (!route) throw new Error(`${cell.name}: no route in app/routes has this module`);
      for (const who of everyone.filter((w) => w !== 'anonymous')) {
        const cookie = m.cookies[who];
        const asks = [
          { what: 'page', req: cellRequest(cell, cookie, cell.kind === 'action' && route.index ? '?index' : '') },
          { what: '?_data', req: cellRequest(cell, cookie, dataQuery(route, cell.kind === 'action')) },
        ];
        for (const { what, req } of asks) {
          const res = await app.fetch(req);
          await res.arrayBuffer();
          // A document POST that succeeds is a bare redirect, which Remix sends without rendering, and a
          // resource route's refusal is a bare 403: no cache stores either without an explicit lifetime.
          if (what === 'page' && isRedirect(res.status)) continue;
          if (what === 'page' && isResourceRoute(route) && res.status !== 200) continue;
          if (what === 'page' && res.status === 200 && cell.kind === 'loader') pagesAnswered200++;
          if (res.headers.get('cache-control') !== PRIVATE_NO_STORE) failures.push(`${cell.name} ${what} as ${who}: ${res.status} with Cache-Control ${res.headers.get('cache-control')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every loader gives 200 to each role it allows: the check above read real pages, not only refusals.
    const allowedLoaderCells = matrixCells(m).filter((c) => c.kind === 'loader').reduce((n, c) => n + c.allowed.length, 0);
    expect(pagesAnswered200).toBe(allowedLoaderCells);
  });

  test('the guardian’s and the family’s link pages, and the files behind them, say private, no-store', async () => {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const [act] = await db().select().from(s.activity).where(eq(s.activity.kommuneId, modum.id)).limit(1);
    await db().update(s.activity).set({ status: 'published', openForNew: true, expiresAt: new Date(Date.now() + 864e5 * 30) }).where(eq(s.activity.id, act.id));
    const referrer = await userWithRole('referrer', { kommune: 'modum' });
    const { guardianToken } = await createReferral(
      { userId: referrer.id, kommuneId: modum.id },
      referralInput.parse({ childFirstName: 'Lenke', birthYear: '2014', guardianName: 'Lenke Foresatt', guardianEmail: 'lenke@example.no', guardianLanguage: 'nb', consentMethod: 'digital' }),
    );
    const signup = await createSignup(act.slug, signupInput.parse({ participantFirstName: 'Lenke', birthYear: '2015', guardianName: 'Lenke Forelder', guardianEmail: 'lenke.f@example.no', guardianPhone: '', language: 'nb', message: '', website: '' }), '198.51.100.9');
    if (!signup.ok) throw new Error(`sign-up: ${signup.reason}`);
    const member = await userWithRole('club_editor', { organisationId: act.organisationId });
    const invitation = await issueToken('invitation', null, { organisationId: act.organisationId, role: 'club_editor', email: 'ny.lenke@example.no' });
    const reset = await issueToken('reset_password', member.id);
    // A confirmation link works once: one for the page, one for its data.
    const verify = [await issueToken('verify_email', member.id), await issueToken('verify_email', member.id)];
    const pages = [
      { path: () => `/samtykke/${guardianToken}`, route: 'routes/samtykke.$token' },
      { path: () => `/samtykke/${guardianToken}/data.json`, route: 'routes/samtykke.$token.data[.]json' },
      { path: () => `/pamelding/${signup.token}`, route: 'routes/pamelding.$token' },
      { path: () => `/invitasjon/${invitation}`, route: 'routes/invitasjon.$token' },
      { path: () => `/nytt-passord/${reset}`, route: 'routes/nytt-passord.$token' },
      { path: () => `/bekreft-epost/${verify.pop()}`, route: 'routes/bekreft-epost.$token' },
    ];
    const failures: string[] = [];
    for (const page of pages) {
      for (const search of ['', `?_data=${encodeURIComponent(page.route)}`]) {
        const res = await app.fetch(request(`${page.path()}${search}`));
        await res.arrayBuffer();
        if (res.status !== 200 || res.headers.get('cache-control') !== PRIVATE_NO_STORE) failures.push(`${page.route}${search}: ${res.status} with Cache-Control ${res.headers.get('cache-control')}`);
      }
    }
    // A link that no longer works answers with a page too, which says the same.
    for (const dead of ['/samtykke/ukjent-lenke', '/pamelding/ukjent-lenke', '/invitasjon/ukjent-lenke', '/nytt-passord/ukjent-lenke', '/bekreft-epost/ukjent-lenke']) {
      const res = await app.fetch(request(dead));
      await res.arrayBuffer();
      if (res.headers.get('cache-control') !== PRIVATE_NO_STORE) failures.push(`${dead}: ${res.status} with Cache-Control ${res.headers.get('cache-control')}`);
    }
    expect(failures).toEqual([]);
  });

  test('every route opened through a link with a token is in the private sections', () => {
    const tokenRoutes = app.routes.filter((r) => patternOf(r).includes(':token'));
    expect(tokenRoutes.length).toBeGreaterThanOrEqual(5);
    expect(tokenRoutes.filter((r) => !isLinkPage(patternOf(r))).map((r) => r.id)).toEqual([]);
  });

  test('every resource route that reads the session or a token is one this file checks', () => {
    // Resource routes answer without app/entry.server.tsx, so each sets the header itself.
    const checkedHere = new Set([
      ...matrixCells(m).map((c) => app.routeOf(c.module)?.id),
      'routes/samtykke.$token.data[.]json',
      'routes/samtykke.$token.kvittering[.]txt',
      'routes/logg-ut',
    ]);
    const unchecked = app.routes.filter((r) => isResourceRoute(r) && readsWhoAsks(r) && !checkedHere.has(r.id)).map((r) => r.id);
    expect(unchecked).toEqual([]);
  });

  test('the guardian’s consent receipt, when the route exists, says private, no-store', async (ctx) => {
    const receipt = app.routes.find((r) => r.id === 'routes/samtykke.$token.kvittering[.]txt');
    if (!receipt) return ctx.skip();
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const referrer = await userWithRole('referrer', { kommune: 'modum' });
    const { guardianToken } = await createReferral(
      { userId: referrer.id, kommuneId: modum.id },
      referralInput.parse({ childFirstName: 'Kvittering', birthYear: '2014', guardianName: 'K Foresatt', guardianPhone: '+47 40000001', consentMethod: 'paper', consentDate: new Date().toISOString().slice(0, 10) }),
    );
    const res = await app.fetch(request(`/samtykke/${guardianToken}/kvittering.txt`));
    await res.arrayBuffer();
    if (res.status === 200) expect(res.headers.get('cache-control')).toBe(PRIVATE_NO_STORE);
    else expect(res.status).toBe(404);
  });

  test('signing in and signing out say private, no-store', async () => {
    const user = await userWithRole('coordinator', { kommune: 'modum' });
    const signIn = await app.fetch(request('/logg-inn?index&_data=routes%2Flogg-inn._index', form({ email: user.email, password: TEST_PASSWORD })));
    expect(signIn.headers.getSetCookie().join()).toMatch(/fp_session=/);
    expect(signIn.headers.get('cache-control')).toBe(PRIVATE_NO_STORE);
    const signOut = await app.fetch(request('/logg-ut', { cookie: user.cookie, method: 'POST' }));
    expect(signOut.status).toBe(302);
    expect(signOut.headers.get('cache-control')).toBe(PRIVATE_NO_STORE);
  });

  test('anonymous public pages keep their caching: no no-store, and still marked for the micro-cache', async () => {
    for (const page of ['/', '/aktiviteter', '/aktiviteter?kategori=fotball']) {
      const res = await app.fetch(request(page));
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control') ?? '').not.toMatch(/no-store|private/);
      expect(res.headers.get(MICRO_CACHE_HEADER)).toBe('10');
    }
    // The same page for someone signed in is theirs: not kept, and not offered to the micro-cache.
    const signedIn = await app.fetch(request('/aktiviteter', { cookie: m.cookies.guide }));
    await signedIn.arrayBuffer();
    expect(signedIn.headers.get('cache-control')).toBe(PRIVATE_NO_STORE);
    expect(signedIn.headers.get(MICRO_CACHE_HEADER)).toBeNull();
  });
});
