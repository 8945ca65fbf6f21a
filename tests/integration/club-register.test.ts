import { and, eq, sql } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { clubRegistrationInput, registerClub } from '../../app/domain/auth/accounts.server';
import { lookupOrganisation, recheckOrganisation, registerRecheck } from '../../app/domain/club/register.server';
import * as registerPage from '../../app/routes/registrer-klubb';
import * as moderationPage from '../../app/routes/kommune.$kommune.moderering';
import * as clubPage from '../../app/routes/klubb.$orgId._index';
import { decrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';
import { startBrregServer } from '../setup/brreg-server';
import { form, request, userWithRole } from '../setup/users';

useTestDatabase();

let brreg: Awaited<ReturnType<typeof startBrregServer>>;
beforeAll(async () => {
  brreg = await startBrregServer();
  process.env.BRREG_URL = brreg.url;
  resetEnv();
});
afterAll(async () => {
  await brreg.stop().catch(() => {});
  delete process.env.BRREG_URL;
  resetEnv();
});
beforeEach(() => {
  brreg.state.mode = 'up';
});

const registration = (orgnr: string, email: string, name = 'Skrevet navn') =>
  clubRegistrationInput.parse({ organisationName: name, orgnr, kommune: 'modum', contactName: 'Test Testesen', email, phone: '', password: 'en lang setning jeg husker' });

async function orgFor(email: string) {
  const [row] = await db().select({ o: s.organisation }).from(s.organisation).innerJoin(s.organisationMember, eq(s.organisationMember.organisationId, s.organisation.id)).innerJoin(s.user, eq(s.user.id, s.organisationMember.userId)).where(eq(s.user.email, email));
  return row?.o;
}

describe('looking a number up in Enhetsregisteret', () => {
  test('an active voluntary club is found with its name, address and Frivillighetsregisteret status', async () => {
    expect(await lookupOrganisation('998877660')).toEqual({ status: 'found', name: 'FJELLBYGD IDRETTSLAG', address: 'Idrettsveien 4, 3340 ÅMOT', kommunenummer: '3316', voluntaryRegistered: true, bankrupt: false, dissolving: false, deleted: false });
    expect(await lookupOrganisation('991122338')).toMatchObject({ status: 'found', name: 'SIGDAL SJAKKLUBB', address: 'Postboks 12, 3350 PRESTFOSS', voluntaryRegistered: false });
  });

  test('bankrupt, deleted (410 Gone) and unknown (404) units are told apart', async () => {
    expect(await lookupOrganisation('987654325')).toMatchObject({ status: 'found', bankrupt: true, deleted: false });
    expect(await lookupOrganisation('971234563')).toMatchObject({ status: 'found', deleted: true });
    expect(await lookupOrganisation('965432108')).toEqual({ status: 'not_found' });
  });

  test('a register that does not answer is "unreachable" within the timeout', async () => {
    brreg.state.mode = 'hang';
    const started = Date.now();
    expect(await lookupOrganisation('998877660', 300)).toEqual({ status: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('registering a club from its number', () => {
  test('the look-up step fills the name from the register and shows the Frivillighetsregisteret status', async () => {
    const res = (await registerPage.action({ request: request('/registrer-klubb', form({ intent: 'lookup', orgnr: '998 877 660' })), params: {}, context: {} })) as Response;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lookup).toEqual({ status: 'found', name: 'FJELLBYGD IDRETTSLAG', address: 'Idrettsveien 4, 3340 ÅMOT', voluntaryRegistered: true });
    expect(body.values).toMatchObject({ orgnr: '998877660', organisationName: 'FJELLBYGD IDRETTSLAG' });
  });

  test('the look-up step puts a translated error beside the number for a bad, unknown or bankrupt number', async () => {
    for (const [orgnr, error] of [['123456789', 'orgnr'], ['965432108', 'account:register.errors.notFound'], ['987654325', 'account:register.errors.refused'], ['971234563', 'account:register.errors.refused']]) {
      const res = (await registerPage.action({ request: request('/registrer-klubb', form({ intent: 'lookup', orgnr })), params: {}, context: {} })) as Response;
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual({ orgnr: error });
    }
  });

  test('a registered club stores what the register said and when', async () => {
    const result = await registerClub(registration('998877660', 'fjellbygd@example.no', 'Fjellbygd IL'), 'nb', '10.9.0.1');
    expect(result.ok).toBe(true);
    const org = await orgFor('fjellbygd@example.no');
    expect(org).toMatchObject({ name: 'Fjellbygd IL', orgnr: '998877660', registerStatus: 'active', registerName: 'FJELLBYGD IDRETTSLAG', registerAddress: 'Idrettsveien 4, 3340 ÅMOT', voluntaryRegistered: true, status: 'pending' });
    expect(org!.registerCheckedAt).toBeInstanceOf(Date);
  });

  test('deleted, bankrupt and unknown units are refused and nothing is written', async () => {
    for (const [orgnr, error] of [['971234563', 'account:register.errors.refused'], ['987654325', 'account:register.errors.refused'], ['965432108', 'account:register.errors.notFound']]) {
      const email = `refused-${orgnr}@example.no`;
      expect(await registerClub(registration(orgnr, email), 'nb', '10.9.1.1')).toEqual({ ok: false, field: 'orgnr', error });
      expect(await orgFor(email)).toBeUndefined();
    }
  });

  test('when the register is down the club still registers with the typed name, marked unchecked; the kommune can check again', async () => {
    await brreg.stop();
    try {
      const look = (await registerPage.action({ request: request('/registrer-klubb', form({ intent: 'lookup', orgnr: '991122338' })), params: {}, context: {} })) as Response;
      expect((await look.json()).lookup).toEqual({ status: 'unreachable' });
      expect((await registerClub(registration('991122338', 'sjakk@example.no', 'Sigdal Sjakk'), 'nb', '10.9.2.1')).ok).toBe(true);
      expect(await orgFor('sjakk@example.no')).toMatchObject({ name: 'Sigdal Sjakk', registerStatus: 'unchecked', registerCheckedAt: null, voluntaryRegistered: null });
    } finally {
      brreg = await startBrregServer(Number(new URL(brreg.url).port));
    }
    const org = (await orgFor('sjakk@example.no'))!;
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const page = await (await moderationPage.loader({ request: request('/kommune/modum/moderering', { cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} }) as Response).json();
    expect(page.organisations.find((o: { id: number }) => o.id === org.id)).toMatchObject({ registerStatus: 'unchecked' });
    const res = (await moderationPage.action({ request: request('/kommune/modum/moderering', { ...form({ intent: 'recheck', organisationId: String(org.id) }), cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} })) as Response;
    expect(res.status).toBe(302);
    expect(await orgFor('sjakk@example.no')).toMatchObject({ registerStatus: 'active', registerName: 'SIGDAL SJAKKLUBB', voluntaryRegistered: false });
    // Not another kommune's club.
    expect(await recheckOrganisation(org.kommuneId + 1000, org.id, admin.id)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('the weekly recheck', () => {
  test('flags a club the feed says was deleted and one that went bankrupt, advances the cursor, and two runs at once flag once', async () => {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const admin = await userWithRole('kommune_admin', { kommune: 'modum' });
    const made = await db()
      .insert(s.organisation)
      .values([
        { kommuneId: modum.id, slug: 'slettet-lag', name: 'Slettet lag', orgnr: '971234563', status: 'approved', registerStatus: 'active' },
        { kommuneId: modum.id, slug: 'konkurs-lag', name: 'Konkurs lag', orgnr: '987654325', status: 'approved', registerStatus: 'active' },
        { kommuneId: modum.id, slug: 'fjellbygd-godkjent', name: 'Fjellbygd godkjent', orgnr: '998877660', status: 'approved', registerStatus: 'active' },
      ])
      .returning();
    await db().update(s.registerFeedCursor).set({ lastUpdateId: 21034000 });
    const [a, b] = await Promise.all([registerRecheck(), registerRecheck()]);
    expect([a.flagged, b.flagged].sort()).toEqual([0, 2]);
    const after = await db().select().from(s.organisation).where(eq(s.organisation.kommuneId, modum.id));
    const by = (slug: string) => after.find((o) => o.slug === slug)!;
    expect(by('slettet-lag')).toMatchObject({ registerStatus: 'deleted' });
    expect(by('konkurs-lag')).toMatchObject({ registerStatus: 'bankrupt' });
    expect(by('slettet-lag').registerFlaggedAt).toBeInstanceOf(Date);
    expect(by('fjellbygd-godkjent')).toMatchObject({ registerStatus: 'active', registerFlaggedAt: null });
    const [cursor] = await db().select().from(s.registerFeedCursor);
    expect(cursor.lastUpdateId).toBe(21034004);
    // One mail per flagged club to each of the kommune's admins, with no personal data in it.
    const mails = (await db().select().from(s.outbox).where(eq(s.outbox.template, 'register-flag'))).filter((m) => decrypt(m.recipient) === admin.email);
    expect(mails).toHaveLength(2);
    const params = mails.map((m) => JSON.parse(decrypt(m.params.enc)));
    expect(params.map((p) => p.context).sort()).toEqual(['bankrupt', 'deleted']);
    // Not due again until the interval has passed, however often the job asks (a restart, another server).
    expect(await registerRecheck(new Date(Date.now() + 60 * 60 * 1000))).toMatchObject({ skipped: true });
    // A later run reads from the cursor: nothing new, nothing mailed again.
    expect(await registerRecheck(new Date(Date.now() + 8 * 24 * 60 * 60 * 1000))).toMatchObject({ skipped: false, changed: 0, flagged: 0 });
    expect(brreg.state.requests.at(-1)).toContain('oppdateringsid=21034005');
    // The moderation page lists the flags.
    const page = await (await moderationPage.loader({ request: request('/kommune/modum/moderering', { cookie: admin.cookie }), params: { kommune: 'modum' }, context: {} }) as Response).json();
    expect(page.flagged.map((f: { id: number }) => f.id).sort()).toEqual(made.filter((o) => o.slug !== 'fjellbygd-godkjent').map((o) => o.id).sort());
    // The club's own page tells its admin what the register says.
    const clubAdmin = await userWithRole('club_admin', { organisationId: by('konkurs-lag').id });
    const club = await (await clubPage.loader({ request: request(`/klubb/${by('konkurs-lag').id}`, { cookie: clubAdmin.cookie }), params: { orgId: String(by('konkurs-lag').id) }, context: {} }) as Response).json();
    expect(club.organisation.registerFlag).toBe('bankrupt');
    const audits = await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.action, 'organisation.register_flagged')));
    expect(audits).toHaveLength(2);
  });

  test('the first run without a cursor starts from today', async () => {
    await db().update(s.registerFeedCursor).set({ lastUpdateId: null, checkedAt: null });
    const now = new Date('2026-12-02T12:00:00Z');
    await registerRecheck(now);
    const feedRequests = brreg.state.requests.filter((r) => r.includes('/oppdateringer/'));
    expect(feedRequests.at(-1)).toContain(`dato=${encodeURIComponent('2026-12-02T00:00:00.000Z')}`);
    const [cursor] = await db().select().from(s.registerFeedCursor);
    expect(cursor.lastUpdateId).toBe(21034004);
  });

  test('while a run waits for the register it holds a lease, not a transaction; other servers skip; a failure gives the lease up and keeps the cursor', async () => {
    await db().update(s.registerFeedCursor).set({ lastUpdateId: 21034000, checkedAt: null, leasedUntil: null });
    brreg.state.mode = 'hang';
    const waiting = registerRecheck().catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 500));
    const [held] = await db().select().from(s.registerFeedCursor);
    expect(held.leasedUntil!.getTime()).toBeGreaterThan(Date.now());
    // No connection of this database sits idle inside a transaction while the register keeps us waiting.
    const idle = await db().execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`);
    expect((idle as unknown as { n: number }[])[0].n).toBe(0);
    expect(await registerRecheck()).toMatchObject({ skipped: true });
    brreg.state.mode = 'refuse';
    expect(await waiting).toBeInstanceOf(Error);
    const [after] = await db().select().from(s.registerFeedCursor);
    expect(after).toMatchObject({ lastUpdateId: 21034000, leasedUntil: null, checkedAt: null });
    // The next tick takes it from the same place.
    brreg.state.mode = 'up';
    expect(await registerRecheck()).toMatchObject({ skipped: false });
    const [done] = await db().select().from(s.registerFeedCursor);
    expect(done.lastUpdateId).toBe(21034004);
    expect(done.checkedAt).toBeInstanceOf(Date);
  }, 20_000);
});
