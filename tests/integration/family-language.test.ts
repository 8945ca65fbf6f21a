// Issue 11, parts 2 and 4: a family's links last as long as the sign-up, and what a family reads (mails,
// the sign-up page, equipment, lenders' hours, support schemes) is in its language where a translation
// exists, with bokmål marked as such where not.
import { and, eq, like } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { processOutbox } from '../../app/domain/notifications/outbox.server';
import { createSignup, decideSignup, purgeExpiredSignups, signupInput, withdrawByToken } from '../../app/domain/signup/signup.server';
import { db } from '../../app/utils/db.server';
import { resetEnv } from '../../app/utils/env.server';
import { useTestDatabase } from '../setup/db';
import { appHandler } from '../setup/remix-app';
import { startSmtp } from '../setup/smtp';
import { request } from '../setup/users';

const t = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let app: Awaited<ReturnType<typeof appHandler>>;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  resetEnv();
  app = await appHandler();
  await db().delete(s.outbox);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnv();
  await smtp.close();
});

const FSI = '\u2068';
const PDI = '\u2069';

/** A public activity whose title the club translated into `language`, with the translation. */
async function translatedActivity(language: string) {
  const [row] = await t.handle.query<{ slug: string; id: number; title: string; translated: string; organisation_id: number }>(
    `select a.slug, a.id, a.title, tr.text as translated, a.organisation_id from activity a
       join translation tr on tr.entity = 'activity' and tr.entity_id = a.id and tr.field = 'title' and tr.language = $1
      where a.status = 'published' and a.expires_at > now() order by a.id limit 1`,
    [language],
  );
  if (!row) throw new Error(`no seeded activity translated into ${language}`);
  return row;
}

const family = (language: string, email: string) =>
  signupInput.parse({ participantFirstName: 'Hodan', birthYear: '2015', guardianName: 'Faadumo Testesen', guardianEmail: email, guardianPhone: '', language, message: '', website: '' });

const tokenIn = (text: string) => text.match(/\/pamelding\/([\w-]+)\?lng=(\w+)/)!;
const pageData = (token: string, lng = 'so') => app.fetch(request(`/pamelding/${token}?lng=${lng}&_data=${encodeURIComponent('routes/pamelding.$token')}`));

async function mailTo(address: string) {
  await processOutbox();
  const found = smtp.received.filter((m) => m.to === address);
  expect(found.length).toBeGreaterThan(0);
  return found[found.length - 1];
}

describe('links that never die', () => {
  test('a sign-up decided twice: the receipt link and the first answer’s link still open it, with the latest answer', async () => {
    const a = await translatedActivity('so');
    const email = 'links-twice@example.no';
    const created = await createSignup(a.slug, family('so', email), '192.0.2.10');
    expect(created.ok).toBe(true);
    const receipt = await mailTo(email);
    const [, receiptToken, receiptLng] = tokenIn(receipt.text);
    expect(receiptLng).toBe('so');

    expect(await decideSignup(a.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'accepted', replyMessage: 'Velkommen!' })).toEqual({ ok: true });
    const accepted = await mailTo(email);
    const [, acceptedToken] = tokenIn(accepted.text);
    expect(await decideSignup(a.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'waitlisted', replyMessage: 'Beklager, det ble fullt.' })).toEqual({ ok: true });
    const waitlisted = await mailTo(email);
    const [, waitlistedToken] = tokenIn(waitlisted.text);

    // Every link the family was sent opens the same sign-up, and each shows the latest answer.
    for (const token of [receiptToken, acceptedToken, waitlistedToken]) {
      const res = await pageData(token);
      expect(res.status).toBe(200);
      const data = (await res.json()) as { gone: boolean; signup: { id: number; status: string; replyMessage: string } };
      expect(data.gone).toBe(false);
      expect(data.signup).toMatchObject({ id: created.ok && created.signupId, status: 'waitlisted', replyMessage: 'Beklager, det ble fullt.' });
    }
    // The mails link to one page: the same path, the same language, whichever mail the family opens.
    for (const m of [receipt, accepted, waitlisted]) expect(m.text).toMatch(new RegExp(`/pamelding/[\\w-]+\\?lng=so`));
  });

  test('the sign-up page opens in the language the family signed up in when the link carries none', async () => {
    const a = await translatedActivity('so');
    const email = 'links-language@example.no';
    await createSignup(a.slug, family('so', email), '192.0.2.11');
    const [, token] = tokenIn((await mailTo(email)).text);
    const res = await app.fetch(request(`/pamelding/${token}`));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/pamelding/${token}?lng=so`);
  });

  test('once a withdrawn sign-up is purged, its links answer 404 with the friendly page, not a bare error', async () => {
    const a = await translatedActivity('so');
    const email = 'links-gone@example.no';
    const created = await createSignup(a.slug, family('so', email), '192.0.2.12');
    const [, receiptToken] = tokenIn((await mailTo(email)).text);
    await decideSignup(a.organisation_id, { signupId: created.ok ? created.signupId : 0, status: 'accepted' });
    const [, answerToken] = tokenIn((await mailTo(email)).text);
    expect(await withdrawByToken(answerToken)).toBe(true);
    // Still there the day it was withdrawn: the family sees it withdrawn through the first link.
    expect(((await (await pageData(receiptToken)).json()) as { signup: { status: string } }).signup.status).toBe('withdrawn');
    expect(await purgeExpiredSignups(new Date(Date.now() + 2 * 24 * 3600 * 1000))).toBeGreaterThan(0);
    const [left] = await t.handle.query<{ n: number }>(`select count(*)::int as n from signup_link where signup_id = $1`, [created.ok ? created.signupId : 0]);
    expect(left.n).toBe(0);
    for (const token of [receiptToken, answerToken]) {
      for (const lng of ['so', 'ar']) {
        const res = await pageData(token, lng);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ gone: true });
        // A document request renders inside the layout (the root loader runs, in the reader's language).
        const doc = await app.fetch(request(`/pamelding/${token}?lng=${lng}&_data=root`));
        expect(doc.status).toBe(200);
        expect(await doc.json()).toMatchObject({ locale: lng });
      }
    }
  });
});
