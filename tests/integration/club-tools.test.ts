import { eq, ne } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { changeLifecycle, clubActivities, remindExpiringActivities } from '../../app/domain/club/activities.server';
import { importActivitiesCsv } from '../../app/domain/club/csv-import.server';
import { acceptInvitation, inviteMember, listMembers } from '../../app/domain/club/members.server';
import { lix, lixLevel } from '../../app/domain/catalogue/lix';
import { decrypt } from '../../app/utils/crypto.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';
import { userWithRole } from '../setup/users';

const t = useTestDatabase();
let orgId = 0;
let adminId = '';

beforeAll(async () => {
  const [org] = await db().select().from(s.organisation).where(eq(s.organisation.status, 'approved')).orderBy(s.organisation.id).limit(1);
  orgId = org.id;
  adminId = (await userWithRole('club_admin', { organisationId: orgId })).id;
});

const header = 'title,category,description,age_min,age_max,weekday,start,end,season_start,season_end,venue,membership_kr,training_fee_kr,training_fee_period,trial';

describe('CSV import', () => {
  test('imports every row as a draft when all rows are valid', async () => {
    const [venue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, (await db().select().from(s.organisation).where(eq(s.organisation.id, orgId)))[0].kommuneId)).limit(1);
    const csv = [
      header,
      `Innebandy for barn,handball,"Vi spiller innebandy, og alle får være med.",8,12,3,17:00,18:00,2026-08-15,2027-06-15,"${venue.name}",300,800,semester,ja`,
      `Sjakkurs,sjakk,Vi lærer sjakk i rolige omgivelser.,7,14,5,16:00,17:30,2026-08-15,2027-06-15,"${venue.name}",,,,nei`,
    ].join('\n');
    const before = (await clubActivities(orgId)).length;
    const result = await importActivitiesCsv({ organisationId: orgId }, adminId, csv);
    expect(result, JSON.stringify(result)).toEqual({ ok: true, imported: 2 });
    const after = await clubActivities(orgId);
    expect(after.length).toBe(before + 2);
    const imported = after.find((a) => a.title === 'Innebandy for barn')!;
    expect(imported.status).toBe('draft');
    const [row] = await db().select().from(s.activity).where(eq(s.activity.id, imported.id));
    expect(row.totalCostPerYearOre).toBe(30000 + 2 * 80000);
    expect(row.trialSession).toBe(true);
  });

  test('one bad row stops the whole import and every error names its row and column', async () => {
    const csv = [
      header,
      'Godt kurs,dans,Vi danser sammen hver uke.,8,12,2,17:00,18:00,2026-08-15,2027-06-15,Finnes ikke-hallen,200,,,',
      'X,ukjent,kort,20,5,9,25:00,18:00,2026-13-01,2027-06-15,,abc,,,',
    ].join('\n');
    const before = (await clubActivities(orgId)).length;
    const result = await importActivitiesCsv({ organisationId: orgId }, adminId, csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const cells = result.errors.map((e) => `${e.row}:${e.column}`);
    expect(cells, cells.join(' ')).toEqual(expect.arrayContaining(['2:venue', '3:title', '3:category', '3:description', '3:season_start', '3:weekday', '3:membership_kr']));
    expect((await clubActivities(orgId)).length).toBe(before);
  });

  test('a kommune imports for its clubs, naming each row\'s club; a club of another kommune is refused', async () => {
    const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, orgId));
    const [venue] = await db().select().from(s.venue).where(eq(s.venue.kommuneId, org.kommuneId)).limit(1);
    const [foreign] = await db().select().from(s.organisation).where(ne(s.organisation.kommuneId, org.kommuneId)).limit(1);
    const head = `organisation,${header}`;
    const good = `${head}\n${org.slug},Turgruppe,friluftsliv,Vi går på tur i skogen sammen.,8,12,6,11:00,13:00,2026-08-15,2027-06-15,"${venue.name}",,,,ja`;
    expect(await importActivitiesCsv({ kommuneId: org.kommuneId }, adminId, good)).toEqual({ ok: true, imported: 1 });
    const bad = `${head}\n${foreign.slug},Turgruppe,friluftsliv,Vi går på tur i skogen sammen.,8,12,6,11:00,13:00,2026-08-15,2027-06-15,"${venue.name}",,,,ja`;
    expect(await importActivitiesCsv({ kommuneId: org.kommuneId }, adminId, bad)).toMatchObject({ ok: false, errors: [{ row: 2, column: 'organisation', error: 'csvOrganisation' }] });
  });

  test('an unknown column or an empty file is refused with a clear reason', async () => {
    expect(await importActivitiesCsv({ organisationId: orgId }, adminId, 'tittel,pris\nA,1')).toMatchObject({ ok: false, errors: [{ row: 1, column: 'tittel', error: 'csvColumn' }, { row: 1, column: 'pris', error: 'csvColumn' }] });
    expect(await importActivitiesCsv({ organisationId: orgId }, adminId, header)).toMatchObject({ ok: false, errors: [{ error: 'csvEmpty' }] });
  });
});

describe('invitations', () => {
  test('a club admin invites an editor by e-mail; the link creates the account and the membership once', async () => {
    expect(await inviteMember(orgId, adminId, { email: 'ny.redaktor@example.no', role: 'club_editor' }, 'nb')).toBe(true);
    const [message] = await db().select().from(s.outbox).where(eq(s.outbox.template, 'invitation'));
    const params = JSON.parse(decrypt(message.params.enc as string)) as { path: string };
    const token = params.path.split('/').pop()!;
    expect(await acceptInvitation(token, { name: 'Ny Redaktør', password: 'kort' }, null)).toEqual({ ok: false, field: 'password', error: 'password.tooShort' });
    const ok = await acceptInvitation(token, { name: 'Ny Redaktør', password: 'et langt og godt passord' }, null);
    expect(ok.ok).toBe(true);
    expect((await listMembers(orgId)).find((m) => m.email === 'ny.redaktor@example.no')?.role).toBe('club_editor');
    expect((await acceptInvitation(token, { name: 'Igjen', password: 'et langt og godt passord' }, null)).ok).toBe(false);
  });
});

describe('freshness', () => {
  test('a listing about to expire gets one reminder; confirming keeps it public for another season', async () => {
    const [a] = await db().select().from(s.activity).where(eq(s.activity.organisationId, orgId)).limit(1);
    const soon = new Date(Date.now() + 5 * 24 * 3600 * 1000);
    await db().update(s.activity).set({ status: 'published', expiresAt: soon, expiryRemindedAt: null }).where(eq(s.activity.id, a.id));
    await db().delete(s.outbox);
    expect(await remindExpiringActivities()).toBeGreaterThanOrEqual(1);
    expect(await remindExpiringActivities()).toBe(0);
    const reminders = await db().select().from(s.outbox).where(eq(s.outbox.template, 'activity-expiring'));
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect((await clubActivities(orgId)).find((x) => x.id === a.id)?.needsConfirmation).toBe(true);
    await changeLifecycle(orgId, adminId, { activityId: a.id, intent: 'confirm' });
    const [after] = await db().select().from(s.activity).where(eq(s.activity.id, a.id));
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 200 * 24 * 3600 * 1000);
    expect(after.expiryRemindedAt).toBeNull();
  });

  test('an expired listing leaves the search but the club still sees it, marked', async () => {
    const [a] = await db().select().from(s.activity).where(eq(s.activity.organisationId, orgId)).limit(1);
    await db().update(s.activity).set({ status: 'published', expiresAt: new Date(Date.now() - 1000) }).where(eq(s.activity.id, a.id));
    expect((await clubActivities(orgId)).find((x) => x.id === a.id)).toMatchObject({ expired: true });
    const [row] = await t.handle.query<{ n: number }>(`select count(*)::int as n from activity where id = $1 and expires_at > now()`, [a.id]);
    expect(row.n).toBe(0);
  });

  test('publishing by a club the kommune has not verified goes to moderation first', async () => {
    const [pending] = await db().insert(s.organisation).values({ kommuneId: 1, slug: `ny-klubb-${Date.now()}`, name: 'Ny klubb', status: 'pending' }).returning();
    const [a] = await db().select().from(s.activity).where(eq(s.activity.organisationId, orgId)).limit(1);
    await db().update(s.activity).set({ organisationId: pending.id }).where(eq(s.activity.id, a.id));
    await changeLifecycle(pending.id, adminId, { activityId: a.id, intent: 'publish' });
    const [after] = await db().select().from(s.activity).where(eq(s.activity.id, a.id));
    expect(after.status).toBe('pending');
    const events = await t.handle.query<{ action: string }>(`select action from audit_event where entity = 'activity' and entity_id = $1`, [String(a.id)]);
    expect(events.map((e) => e.action)).toContain('activity.publish');
  });
});

describe('publishing needs a confirmed e-mail address', () => {
  test('an unconfirmed club user cannot publish until the link is opened; the link can be sent again, three times an hour', async () => {
    const { resendVerification, verifyEmail } = await import('../../app/domain/auth/accounts.server');
    const user = await userWithRole('club_admin', { organisationId: orgId });
    await db().update(s.user).set({ emailVerifiedAt: null }).where(eq(s.user.id, user.id));
    const [a] = await db().select().from(s.activity).where(eq(s.activity.organisationId, orgId)).limit(1);
    await db().update(s.activity).set({ status: 'draft' }).where(eq(s.activity.id, a.id));
    expect(await changeLifecycle(orgId, user.id, { activityId: a.id, intent: 'publish' })).toBe('emailUnverified');
    expect((await db().select().from(s.activity).where(eq(s.activity.id, a.id)))[0].status).toBe('draft');
    // Drafts, copies and archiving do not need it.
    expect(typeof (await changeLifecycle(orgId, user.id, { activityId: a.id, intent: 'archive' }))).toBe('number');

    await db().delete(s.outbox);
    expect([await resendVerification(user.id, 'nb'), await resendVerification(user.id, 'nb'), await resendVerification(user.id, 'nb'), await resendVerification(user.id, 'nb')]).toEqual([true, true, true, false]);
    const sent = await db().select().from(s.outbox).where(eq(s.outbox.template, 'verify-email'));
    expect(sent).toHaveLength(3);
    const { params } = sent[2];
    const path = (JSON.parse(decrypt(params.enc)) as { path: string }).path;
    expect(await verifyEmail(path.split('/').pop()!)).toBeTruthy();
    expect(await changeLifecycle(orgId, user.id, { activityId: a.id, intent: 'publish' })).toBe(a.id);
    expect(await resendVerification(user.id, 'nb')).toBe(false);
  });
});

describe('the account page', () => {
  test('signing out everywhere needs its own button; a resend past the limit says so', async () => {
    const account = await import('../../app/routes/konto._index');
    const { request, form, statusOf, flashOf } = await import('../setup/users');
    const user = await userWithRole('club_admin', { organisationId: orgId });
    const post = (values: Record<string, string>) => account.action({ request: request('/konto', { cookie: user.cookie, ...form(values) }), params: {}, context: {} });
    expect(await statusOf(() => post({}))).toBe(400);
    expect(await db().select().from(s.session).where(eq(s.session.userId, user.id))).toHaveLength(1);
    await db().update(s.user).set({ emailVerifiedAt: null }).where(eq(s.user.id, user.id));
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = (await post({ intent: 'resend-verification' })) as Response;
      answers.push([res.headers.get('Location'), ...(await flashOf(res))]);
    }
    const sent = ['/konto', 'account:account.verificationSent'];
    expect(answers).toEqual([sent, sent, sent, ['/konto', 'account:account.verificationLimit']]);
    const out = (await post({ intent: 'sign-out-everywhere' })) as Response;
    expect(out.headers.get('Location')).toBe('/logg-inn');
    expect(await flashOf(out)).toEqual(['account:account.signedOutEverywhere']);
    expect(await db().select().from(s.session).where(eq(s.session.userId, user.id))).toHaveLength(0);
  });
});

describe('readability hint', () => {
  test('LIX is low for short plain sentences and high for long words in long sentences', () => {
    expect(lixLevel(lix('Vi spiller fotball. Alle kan være med. Det er gøy.'))).toBe('veryEasy');
    expect(lixLevel(lix('Organisasjonens treningsvirksomhet gjennomføres i samarbeid med kommunale tjenesteleverandører innenfor rammene av eksisterende idrettspolitiske retningslinjer og forventninger.'))).toBe('hard');
  });
});

describe('activity editor errors', () => {
  test('a problem in a repeated row or a new venue is named by its row and field, and what was typed comes back', async () => {
    const { action } = await import('../../app/routes/klubb.$orgId.aktiviteter.$activityId._index');
    const { request, form } = await import('../setup/users');
    const { cookie } = await userWithRole('club_admin', { organisationId: orgId });
    const res = (await action({
      request: request(`/klubb/${orgId}/aktiviteter/ny`, {
        cookie,
        ...form({
          intent: 'save', title: 'Radfeil', category: 'fotball', description: 'Vi spiller fotball sammen hver uke.', ageMin: '8', ageMax: '12',
          seasonStart: '2026-08-15', seasonEnd: '2027-06-15',
          'sessions.0.weekday': '2', 'sessions.0.start': '18:00', 'sessions.0.end': '17:00',
          'costs.0.kind': 'membership', 'costs.0.amount': '300', 'costs.0.period': 'year',
          'costs.1.kind': 'training_fee', 'costs.1.amount': '-5', 'costs.1.period': 'year',
          'equipment.0.item': 'x'.repeat(81), 'equipment.0.source': 'provided',
          venueId: 'new', 'venue.name': 'Ny bane', 'venue.address': 'Banevei 1', 'venue.postcode': '33', 'venue.place': 'Vikersund', 'venue.lat': '59.9', 'venue.lon': '10.0',
        }),
      }),
      params: { orgId: String(orgId), activityId: 'ny' },
      context: {},
    })) as Response;
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: { venue: Record<string, string>; costs: unknown[] } };
    expect(body.errors).toMatchObject({ 'sessions.0.end': 'timeOrder', 'costs.1.amount': 'club:editor.errors.amount', 'equipment.0.item': 'tooLong', 'venue.postcode': 'postcode' });
    // The summary links to those inputs, not to the section as a whole.
    for (const group of ['sessions', 'costs', 'equipment', 'venue']) expect(body.errors[group]).toBeUndefined();
    expect(body.values.venue).toMatchObject({ name: 'Ny bane', address: 'Banevei 1', postcode: '33' });
    expect(body.values.costs).toHaveLength(2);
  });
});
