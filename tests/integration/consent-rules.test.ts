import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { clubIdsOf, clubRecipient, covers, guideRecipient, parseRecipient, recipientKey, scopeOf } from '../../app/domain/referral/consent.server';
import { answerConsent, assignGuide, createReferral, referralInput } from '../../app/domain/referral/referral.server';
import { recordFollowUp } from '../../app/domain/referral/follow-ups.server';
import { db } from '../../app/utils/db.server';
import * as guideCase from '../../app/routes/guide.$id';
import * as queueItem from '../../app/routes/koordinator.$id';
import { useTestDatabase } from '../setup/db';
import { form, request, userWithRole, readyGuide } from '../setup/users';

// Issue 9: the consent rules have one home (app/domain/referral/consent.server.ts), and the audit log
// records one read per page view, saying what was read.
const t = useTestDatabase();

describe('recipients', () => {
  test('are typed, and their stored form is read and written in one place', () => {
    expect(scopeOf([clubRecipient(7), guideRecipient, clubRecipient(7)])).toEqual(['guide', 'club:7']);
    expect(parseRecipient('club:12')).toEqual({ kind: 'club', organisationId: 12 });
    expect(parseRecipient('club:x')).toBeNull();
    expect(parseRecipient('klubb:1')).toBeNull();
    expect(clubIdsOf(['guide', 'club:3', 'club:5', 'rubbish'])).toEqual([3, 5]);
    expect(covers(['guide', 'club:3'], clubRecipient(3))).toBe(true);
    expect(covers(['guide'], clubRecipient(3))).toBe(false);
    expect(recipientKey(guideRecipient)).toBe('guide');
  });

  test('no code outside the consent module spells out the scope format or the rule “in force”', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk('app');
    const offenders = files
      .filter((f) => !f.endsWith(path.join('referral', 'consent.server.ts')))
      .filter((f) => /startsWith\('club:'\)|`club:\$\{|'club:' *\+|expires_at > .*consent|consent\.expiresAt, now/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('audit', () => {
  let id = 0;
  let guide: Awaited<ReturnType<typeof userWithRole>>;
  let coordinator: Awaited<ReturnType<typeof userWithRole>>;
  const reads = async () => t.handle.query<{ action: string; what: string | null }>(`select action, detail->>'what' as what from audit_event where entity = 'referral' and entity_id = $1 and action like 'referral.read%' order by id`, [String(id)]);

  beforeAll(async () => {
    const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
    const referrer = await userWithRole('referrer', { kommune: 'modum' });
    guide = await readyGuide();
    coordinator = await userWithRole('coordinator', { kommune: 'modum' });
    ({ id } = await createReferral({ userId: referrer.id, kommuneId: modum.id }, referralInput.parse({ childFirstName: 'Ida', birthYear: '2014', guardianName: 'Verge', guardianEmail: 'verge@example.no', consentMethod: 'digital' })));
    await answerConsent(id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language: 'nb' });
    await assignGuide(id, guide.id, { score: 1, reasons: [] }, coordinator.id);
  });

  test('one referral.read per page view, saying what was read; an action checks access without logging a read', async () => {
    await guideCase.loader({ request: request(`/guide/${id}`, { cookie: guide.cookie }), params: { id: String(id) }, context: {} });
    expect(await reads()).toEqual([{ action: 'referral.read', what: 'case-page' }]);
    // A follow-up with bad input: the action runs, refuses, and logs no read.
    const res = (await guideCase.action({ request: request(`/guide/${id}`, { ...form({ intent: 'follow-up', kind: 'first_contact', outcome: '' }), cookie: guide.cookie }), params: { id: String(id) }, context: {} })) as Response;
    expect(res.status).toBe(400);
    expect(await reads()).toHaveLength(1);
    await queueItem.loader({ request: request(`/koordinator/${id}`, { cookie: coordinator.cookie }), params: { id: String(id) }, context: {} });
    expect((await reads()).at(-1)).toEqual({ action: 'referral.read', what: 'queue-item' });
  });

  test('the coordinator’s page shows who is assigned, and the guide’s follow-ups with their notes (as the note field says)', async () => {
    await recordFollowUp(id, guide.id, { kind: 'first_contact', outcome: 'Ringte familien', note: 'Vil prøve sjakk' });
    const data = await (await queueItem.loader({ request: request(`/koordinator/${id}`, { cookie: coordinator.cookie }), params: { id: String(id) }, context: {} })).json();
    expect(data.assigned?.name).toBe('Test guide');
    expect(data.plan.find((f: { kind: string }) => f.kind === 'first_contact')).toMatchObject({ outcome: 'Ringte familien', note: 'Vil prøve sjakk' });
  });

  test('the coordinator’s audit log says each entry in words (a locale key per action), never as a code', async () => {
    const data = await (await queueItem.loader({ request: request(`/koordinator/${id}`, { cookie: coordinator.cookie }), params: { id: String(id) }, context: {} })).json();
    const nb = JSON.parse(readFileSync('locales/nb/referral.json', 'utf8'));
    const lookup = (key: string) => key.split('.').reduce((o: Record<string, unknown> | undefined, k) => o?.[k] as Record<string, unknown> | undefined, nb) as unknown;
    const trail = data.trail as { action: string; actionKey: string; whatKey: string | null }[];
    expect(new Set(trail.map((e) => e.action))).toEqual(new Set(['referral.created', 'consent.given', 'referral.assigned', 'referral.read', 'referral.follow_up']));
    for (const e of trail) {
      expect(e.actionKey, e.action).not.toBe('audit.action.unknown');
      expect(typeof lookup(e.actionKey), e.actionKey).toBe('string');
      if (e.action === 'referral.read') expect(typeof lookup(e.whatKey!), String(e.whatKey)).toBe('string');
    }
    // Every action the domain writes about a referral has its label: an audit() call with a new code fails here.
    const written = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.server.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/action: '((?:referral|consent|equipment|support)\.[a-z_]+)'/g)) written.add(m[1]);
      }
    };
    walk('app/domain');
    for (const action of written) expect(typeof lookup(`audit.action.${action.replace('.', '_')}`), action).toBe('string');
  });
});
