import { and, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { createSession, getSessionUser } from '../../app/utils/session.server';
import { database, db } from '../../app/utils/db.server';
import { decrypt } from '../../app/utils/crypto.server';
import { addKommune, addKommuneAdmin, listKommuner, removeKommuneAdmin } from '../../app/domain/operator/kommuner.server';
import { redeemInvitation } from '../../app/domain/club/members.server';
import { runKommuneCli } from '../../db/kommune-cli';
import { useTestDatabase } from '../setup/db';
import { userWithRole } from '../setup/users';

useTestDatabase();

async function counts() {
  const [row] = await database().query<Record<string, number>>(
    `select (select count(*)::int from kommune) as kommuner, (select count(*)::int from kommune_member) as members,
            (select count(*)::int from "user") as users, (select count(*)::int from one_time_token) as tokens,
            (select count(*)::int from outbox) as outbox, (select count(*)::int from audit_event) as audit`,
  );
  return row;
}

/** The invitation link's token, read back from the e-mail waiting in the outbox (as the mail would carry it). */
async function tokenMailedTo(email: string) {
  const rows = await db().select().from(s.outbox).where(eq(s.outbox.template, 'kommune-admin-invitation'));
  const mine = rows.filter((r) => decrypt(r.recipient) === email).at(-1);
  const params = JSON.parse(decrypt((mine!.params as { enc: string }).enc)) as { path: string; kommune: string };
  return { token: params.path.replace('/invitasjon/', ''), kommune: params.kommune };
}

describe('the operator sets up a kommune', () => {
  test('add writes the kommune, the invitation, its e-mail and the audit events, with no actor', async () => {
    const result = await addKommune({ number: '5612', name: 'Kautokeino', admin: ' Elle.Admin@Example.NO ' });
    expect(result).toMatchObject({ ok: true, kommune: { number: '5612', name: 'Guovdageaidnu - Kautokeino', slug: 'guovdageaidnu-kautokeino' } });
    const { token, kommune } = await tokenMailedTo('elle.admin@example.no');
    expect(kommune).toBe('Guovdageaidnu - Kautokeino');
    expect(token.length).toBeGreaterThan(20);
    const [k] = await db().select().from(s.kommune).where(eq(s.kommune.number, '5612'));
    const events = await db().select().from(s.auditEvent).where(and(eq(s.auditEvent.entity, 'kommune'), eq(s.auditEvent.entityId, String(k.id))));
    expect(events.map((e) => [e.action, e.actorUserId, e.detail?.via])).toEqual([
      ['kommune.created', null, 'operator-cli'],
      ['kommune.admin_invited', null, 'operator-cli'],
    ]);
    // No personal data in the audit detail.
    expect(JSON.stringify(events)).not.toContain('elle.admin');
    expect((await listKommuner()).find((l) => l.number === '5612')).toEqual({ number: '5612', name: 'Guovdageaidnu - Kautokeino', slug: 'guovdageaidnu-kautokeino', admins: 0, pendingInvitations: 1 });
  });

  test('refusals write nothing: unknown number, wrong name, a kommune already set up (the seed has Modum)', async () => {
    const before = await counts();
    expect(await addKommune({ number: '3399', name: 'Modum', admin: 'a@example.no' })).toEqual({ ok: false, reason: 'unknownNumber' });
    expect(await addKommune({ number: '3318', name: 'Modum', admin: 'a@example.no' })).toEqual({ ok: false, reason: 'wrongName', expected: 'Krødsherad' });
    expect(await addKommune({ number: '3316', name: 'Modum', admin: 'a@example.no' })).toEqual({ ok: false, reason: 'duplicate' });
    expect(await addKommuneAdmin({ kommune: '9999', email: 'a@example.no' })).toEqual({ ok: false, reason: 'unknownKommune' });
    expect(await removeKommuneAdmin({ kommune: 'modum', email: 'nobody@example.no' })).toEqual({ ok: false, reason: 'notAdmin' });
    expect(await counts()).toEqual(before);
  });

  test('the CLI exits non-zero with a message on refusals and bad usage, and prints the table', async () => {
    const lines: string[] = [];
    expect(await runKommuneCli(['list'], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^number\s+name\s+slug\s+admins\s+pending invitations$/);
    expect(lines.some((l) => /^3316\s+Modum\s+modum\s+\d+\s+\d+$/.test(l))).toBe(true);
    await expect(runKommuneCli(['add', '--number', '3316', '--name', 'Modum', '--admin', 'a@example.no'])).rejects.toThrow(/already set up; nothing was changed/);
    await expect(runKommuneCli(['add', '--number', '3316'])).rejects.toThrow(/--name is required/);
    await expect(runKommuneCli(['add', '--nummer', '3316'])).rejects.toThrow();
    await expect(runKommuneCli(['frob'])).rejects.toThrow(/unknown command/);
    expect(await runKommuneCli([], () => {})).toBe(2);
    expect(await runKommuneCli(['--help'], () => {})).toBe(0);
  });
});

describe('redeeming a kommune admin invitation', () => {
  test('makes an existing user kommune admin once, only for the address it was sent to', async () => {
    const invited = await userWithRole('referrer', { kommune: 'sigdal' });
    const someoneElse = await userWithRole('referrer', { kommune: 'sigdal' });
    expect(await addKommuneAdmin({ kommune: 'krodsherad', email: invited.email })).toMatchObject({ ok: true });
    const { token } = await tokenMailedTo(invited.email);
    // A forwarded link grants nothing, and stays usable for its owner.
    expect(await redeemInvitation(token, someoneElse.id)).toEqual({ ok: false, reason: 'wrongAccount' });
    const [k] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'krodsherad'));
    expect(await redeemInvitation(token, invited.id)).toEqual({ ok: true, kind: 'kommune', kommuneId: k.id, role: 'kommune_admin' });
    expect(await redeemInvitation(token, invited.id)).toEqual({ ok: false, reason: 'tokenInvalid' });
    const roles = await db().select().from(s.kommuneMember).where(and(eq(s.kommuneMember.userId, invited.id), eq(s.kommuneMember.kommuneId, k.id)));
    expect(roles.map((r) => r.role)).toEqual(['kommune_admin']);
    expect(await addKommuneAdmin({ kommune: 'krodsherad', email: invited.email })).toEqual({ ok: false, reason: 'alreadyAdmin' });
  });

  test('removing an admin ends their sessions and keeps the last admin unless forced', async () => {
    const first = await userWithRole('referrer', { kommune: 'sigdal' });
    await addKommune({ number: '3320', name: 'Flå', admin: first.email });
    const { token } = await tokenMailedTo(first.email);
    expect((await redeemInvitation(token, first.id)).ok).toBe(true);
    const cookie = (await createSession(first.id, true)).split(';')[0];
    const signedIn = () => getSessionUser(new Request('http://localhost/konto', { headers: { Cookie: cookie } }));
    expect(await signedIn()).not.toBeNull();

    const before = await counts();
    expect(await removeKommuneAdmin({ kommune: '3320', email: first.email })).toEqual({ ok: false, reason: 'lastAdmin' });
    expect(await counts()).toEqual(before);
    expect(await signedIn()).not.toBeNull();

    const removed = await removeKommuneAdmin({ kommune: 'fla', email: first.email, force: true });
    expect(removed).toMatchObject({ ok: true, removedRole: true });
    expect(await signedIn()).toBeNull();
    expect((await listKommuner()).find((l) => l.number === '3320')).toMatchObject({ admins: 0, pendingInvitations: 0 });
  });
});
