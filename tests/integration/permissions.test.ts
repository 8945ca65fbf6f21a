import { eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { db } from '../../app/utils/db.server';
import * as clubHome from '../../app/routes/klubb.$orgId._index';
import * as editor from '../../app/routes/klubb.$orgId.aktiviteter.$activityId._index';
import * as guideCase from '../../app/routes/guide.$id';
import { useTestDatabase } from '../setup/db';
import { everyone, matrixCells, runCell, setUpMatrix, type Matrix } from '../setup/route-matrix';
import { form, request, statusOf } from '../setup/users';

// The permission matrix (issue 4; the list is in tests/setup/route-matrix.ts). A cell says what each
// must get: 'ok' (200 or a redirect after a successful action), 403, or 'login' (a redirect to sign in).
useTestDatabase();

let m: Matrix;
beforeAll(async () => {
  m = await setUpMatrix();
});

describe('permission matrix', () => {
  test('every private route gives each role exactly what it should', async () => {
    const failures: string[] = [];
    for (const c of matrixCells(m)) {
      for (const who of everyone) {
        const status = await statusOf(() => runCell(c, m.cookies[who]));
        const expected = who === 'anonymous' ? [302] : c.allowed.includes(who) ? [200, 302] : [403];
        if (!expected.includes(status)) failures.push(`${c.name} as ${who}: got ${status}, expected ${expected.join(' or ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('a club user cannot reach another club’s activity through its own club’s address', async () => {
    const [other] = await db().select({ id: s.activity.id }).from(s.activity).where(eq(s.activity.organisationId, m.orgA + 1)).limit(1);
    const status = await statusOf(() => editor.loader({ request: request('/x', { cookie: m.cookies.club_admin }), params: { orgId: String(m.orgA), activityId: String(other.id) }, context: {} }));
    expect(status).toBe(404);
  });

  test('the assigned guide reaches the child and can record a follow-up', async () => {
    expect(await statusOf(() => guideCase.loader({ request: request('/x', { cookie: m.assignedGuideCookie }), params: { id: String(m.referralId) }, context: {} }))).toBe(200);
    const post = () => guideCase.action({ request: request('/x', { cookie: m.assignedGuideCookie, ...form({ intent: 'follow-up', kind: 'first_contact', outcome: 'Ringte' }) }), params: { id: String(m.referralId) }, context: {} });
    expect(await statusOf(post)).toBe(302);
  });

  test('a bad id in the address is a 404, not a 500', async () => {
    const status = await statusOf(() => clubHome.loader({ request: request('/klubb/abc', { cookie: m.cookies.club_admin }), params: { orgId: 'abc' }, context: {} }));
    expect(status).toBe(404);
  });
});
