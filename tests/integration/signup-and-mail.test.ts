import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { backoffMs, drainOutbox, enqueue, LEASE_MS, MAX_ATTEMPTS, messageIdFor, processOutbox } from '../../app/domain/notifications/outbox.server';
import { createSignup, decideSignup, listSignups, purgeExpiredSignups, SIGNUP_LIMIT, signupByToken, signupInput, signupsCsv, withdrawByToken } from '../../app/domain/signup/signup.server';
import { db } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';
import { startSmtp } from '../setup/smtp';

const t = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let slug = '';
let organisationId = 0;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  resetEnv();
  const [a] = await db().select().from(s.activity).where(eq(s.activity.status, 'published')).orderBy(s.activity.id).limit(1);
  slug = a.slug;
  organisationId = a.organisationId;
  await db().delete(s.outbox);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnv();
  await smtp.close();
});

const family = (overrides: Record<string, string> = {}) =>
  signupInput.parse({ participantFirstName: 'Yasmin', birthYear: '2016', guardianName: 'Layla Testesen', guardianEmail: 'layla@example.no', guardianPhone: '', language: 'ar', message: 'Hun liker å løpe', website: '', ...overrides });

describe('a family signs up and the club answers', () => {
  test('the family gets a receipt in Arabic, the club a notice, and neither e-mail names the child', async () => {
    const result = await createSignup(slug, family(), '192.0.2.1');
    expect(result.ok).toBe(true);
    const sent = await processOutbox();
    expect(sent.sent).toBe(2);
    const toFamily = smtp.received.find((m) => m.to === 'layla@example.no')!;
    expect(toFamily.subject).toMatch(/[\u0600-\u06FF]/); // Arabic script
    expect(toFamily.text).toContain('/pamelding/');
    expect(toFamily.text).toContain('lng=ar');
    const toClub = smtp.received.find((m) => m.to !== 'layla@example.no')!;
    expect(toClub.subject).toContain('Ny påmelding');
    for (const m of smtp.received) {
      expect(`${m.subject} ${m.text}`).not.toContain('Yasmin');
      expect(`${m.subject} ${m.text}`).not.toContain('Layla');
      expect(`${m.subject} ${m.text}`).not.toContain('2016');
    }
  });

  test('names and contacts are encrypted at rest; the address and token leave the outbox once sent', async () => {
    const [row] = await t.handle.query<Record<string, string>>(`select participant_first_name, guardian_name, guardian_email, message from signup_request order by id desc limit 1`);
    for (const value of Object.values(row)) expect(value).toMatch(/^v1\./);
    const outbox = await t.handle.query<{ recipient: string; params: unknown }>(`select recipient, params from outbox where status = 'sent'`);
    expect(outbox.length).toBeGreaterThan(0);
    for (const o of outbox) {
      expect(o.recipient).toBe('');
      expect(JSON.stringify(o.params)).toBe('{}');
    }
  });

  test('the club sees the request in its inbox and CSV, accepts it, and the family is told in Arabic', async () => {
    const { signups } = await listSignups(organisationId);
    const mine = signups.find((x) => x.participantFirstName === 'Yasmin')!;
    expect(mine).toMatchObject({ guardianEmail: 'layla@example.no', status: 'new', language: 'ar' });
    const csv = await signupsCsv(organisationId);
    expect(csv.split('\r\n')[0]).toBe('received,activity,participant_first_name,birth_year,guardian_name,guardian_email,guardian_phone,language,status,message');
    expect(csv).toContain('"Yasmin","2016","Layla Testesen"');
    smtp.received.length = 0;
    expect(await decideSignup(organisationId, { signupId: mine.id, status: 'accepted', replyMessage: 'Velkommen på tirsdag!' })).toEqual({ ok: true });
    await processOutbox();
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0];
    expect(m.to).toBe('layla@example.no');
    expect(m.subject).toMatch(/[\u0600-\u06FF]/);
    expect(m.text).not.toContain('Yasmin');
    const token = m.text.match(/\/pamelding\/([\w-]+)/)![1];
    expect(await signupByToken(token)).toMatchObject({ status: 'accepted', replyMessage: 'Velkommen på tirsdag!' });
    expect(await withdrawByToken(token)).toBe(true);
    expect((await signupByToken(token))!.status).toBe('withdrawn');
  });

  test('another club cannot answer this club’s request', async () => {
    const { signups } = await listSignups(organisationId);
    expect(await decideSignup(organisationId + 1, { signupId: signups[0].id, status: 'declined' })).toEqual({ ok: false, reason: 'notFound' });
  });

  test('a withdrawn sign-up cannot be answered: the withdrawal stands and the family gets no message', async () => {
    const created = await createSignup(slug, family({ participantFirstName: 'Trukket' }), '192.0.2.77');
    if (!created.ok) throw new Error(created.reason);
    expect(await withdrawByToken(created.token)).toBe(true);
    const before = await t.handle.query<{ n: number }>(`select count(*)::int as n from outbox where template = 'signup-decision'`);
    expect(await decideSignup(organisationId, { signupId: created.signupId, status: 'accepted' })).toEqual({ ok: false, reason: 'withdrawn' });
    expect((await signupByToken(created.token))?.status).toBe('withdrawn');
    const after = await t.handle.query<{ n: number }>(`select count(*)::int as n from outbox where template = 'signup-decision'`);
    expect(after[0].n).toBe(before[0].n);
  });

  test('bad input is refused with a reason per field, and nothing is stored', async () => {
    const before = await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_request`);
    const parsed = signupInput.safeParse({ participantFirstName: '', birthYear: '1890', guardianName: '', guardianEmail: 'ikke-epost', language: 'xx' });
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error!.issues.map((i) => String(i.path[0])));
    expect([...fields].sort()).toEqual(expect.arrayContaining(['participantFirstName', 'birthYear', 'guardianName', 'guardianEmail', 'language']));
    expect(signupInput.safeParse({ ...family(), guardianEmail: '', guardianPhone: '' }).success).toBe(false);
    expect(signupInput.safeParse({ ...family(), website: 'http://spam.example' }).success).toBe(false);
    const after = await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_request`);
    expect(after[0].n).toBe(before[0].n);
  });

  test('an activity the public cannot see takes no sign-up: expired, draft or archived (issue 10)', async () => {
    const [other] = await db().select().from(s.activity).where(eq(s.activity.status, 'published')).orderBy(s.activity.id).offset(1).limit(1);
    const count = async () => (await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_request where activity_id = $1`, [other.id]))[0].n;
    const before = await count();
    await db().update(s.activity).set({ expiresAt: new Date(Date.now() - 864e5) }).where(eq(s.activity.id, other.id));
    expect(await createSignup(other.slug, family(), '192.0.2.50')).toEqual({ ok: false, reason: 'closed' });
    for (const status of ['draft', 'archived'] as const) {
      await db().update(s.activity).set({ status, expiresAt: null }).where(eq(s.activity.id, other.id));
      expect(await createSignup(other.slug, family(), '192.0.2.50')).toEqual({ ok: false, reason: 'closed' });
    }
    expect(await count()).toBe(before);
    await db().update(s.activity).set({ status: 'published', expiresAt: other.expiresAt }).where(eq(s.activity.id, other.id));
  });

  test('one address is limited to a few requests in ten minutes', async () => {
    for (let i = 0; i < SIGNUP_LIMIT.perAddress; i++) expect((await createSignup(slug, family(), '198.51.100.7')).ok).toBe(true);
    expect(await createSignup(slug, family(), '198.51.100.7')).toEqual({ ok: false, reason: 'limited' });
  });

  test('requests are deleted after the season by the purge', async () => {
    const [{ n: before }] = await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_request`);
    expect(before).toBeGreaterThan(0);
    expect(await purgeExpiredSignups(new Date('2099-01-01'))).toBe(before);
    const [{ n: after }] = await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_request`);
    expect(after).toBe(0);
  });
});

describe('the outbox', () => {
  test('retries with backoff when the SMTP server refuses, then sends once', async () => {
    await db().delete(s.outbox);
    smtp.received.length = 0;
    smtp.state.failNext = 1;
    await enqueue({ to: 'retry@example.no', template: 'verify-email', language: 'nb', params: { path: '/bekreft-epost/x' } });
    expect((await processOutbox()).sent).toBe(0);
    const [row] = await db().select().from(s.outbox);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + backoffMs(1) - 5000);
    expect((await processOutbox()).claimed).toBe(0); // not due yet
    expect((await processOutbox({ now: new Date(Date.now() + backoffMs(1) + 1000) })).sent).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual(['retry@example.no']);
  });

  test('gives up after the last attempt and marks the message failed', async () => {
    await db().delete(s.outbox);
    await enqueue({ to: 'never@example.no', template: 'verify-email', language: 'nb', params: { path: '/x' } });
    await db().update(s.outbox).set({ attempts: MAX_ATTEMPTS - 1 });
    smtp.state.failNext = 1;
    await processOutbox();
    const [row] = await db().select().from(s.outbox);
    expect(row.status).toBe('failed');
    // Given up: the address and the link are gone, and the error keeps no address.
    expect(row).toMatchObject({ recipient: '', params: {} });
    expect(row.lastError).toContain('mailbox unavailable');
    expect(row.lastError).not.toContain('never@example.no');
    smtp.state.failNext = 0;
  });

  test('a resent message carries the same Message-ID as the first attempt', async () => {
    await db().delete(s.outbox);
    smtp.received.length = 0;
    await enqueue({ to: 'same-id@example.no', template: 'verify-email', language: 'nb', params: { path: '/x' } });
    const [row] = await db().select().from(s.outbox);
    // The first attempt reaches the server but its answer is lost (as after a crash): the worker sends again.
    await processOutbox();
    await db().update(s.outbox).set({ status: 'pending', nextAttemptAt: new Date(), recipient: row.recipient, params: row.params }).where(eq(s.outbox.id, row.id));
    await processOutbox();
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageIdFor(row.id), messageIdFor(row.id)]);
  });

  test('a worker that dies mid-batch delays its messages by the lease, seconds not minutes', async () => {
    await db().delete(s.outbox);
    smtp.received.length = 0;
    await enqueue({ to: 'lease@example.no', template: 'verify-email', language: 'nb', params: { path: '/x' } });
    const now = new Date();
    // Claimed by a worker that then died: 'sending', leased until now + LEASE_MS.
    await db().update(s.outbox).set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS) });
    expect((await drainOutbox({ now: () => now })).sent).toBe(0);
    expect(LEASE_MS).toBeLessThanOrEqual(30_000);
    expect((await drainOutbox({ now: () => new Date(now.getTime() + LEASE_MS + 1) })).sent).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual(['lease@example.no']);
  });

  test('a rush is sent batch after batch until nothing is due, not one batch per tick', async () => {
    await db().delete(s.outbox);
    smtp.received.length = 0;
    for (let i = 0; i < 120; i++) await enqueue({ to: `rush${i}@example.no`, template: 'verify-email', language: 'nb', params: { path: '/x' } });
    expect(await drainOutbox()).toEqual({ claimed: 120, sent: 120 });
    expect(smtp.received).toHaveLength(120);
  });

  test('several workers at once send each message exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    await db().delete(s.outbox);
    smtp.received.length = 0;
    for (let i = 0; i < 30; i++) await enqueue({ to: `many${i}@example.no`, template: 'verify-email', language: 'nb', params: { path: '/x' } });
    const results = await Promise.all([processOutbox({ limit: 10 }), processOutbox({ limit: 10 }), processOutbox({ limit: 10 }), processOutbox({ limit: 10 })]);
    // Together the workers claimed every message once (none twice: claims add up to exactly 30).
    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(30);
    // A send that failed for a moment (a busy machine) is retried later, still once.
    await processOutbox({ limit: 50, now: new Date(Date.now() + 60 * 60_000) });
    const to = smtp.received.map((m) => m.to).sort();
    expect(to).toHaveLength(30);
    expect(new Set(to).size).toBe(30);
    const [{ n }] = await t.handle.query<{ n: number }>(`select count(*)::int as n from outbox where status <> 'sent'`);
    expect(n).toBe(0);
  });
});

