import { and, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index';
import { forgetPlaces } from '../../app/domain/catalogue/places.server';
import { searchActivities } from '../../app/domain/catalogue/search.server';
import { db } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';

// An area's slug is unique within its kommune only (kommune admins name their own areas): two kommuner
// can each have a "Sentrum", and `?omrade=sentrum&kommune=…` must find the chosen kommune's.
useTestDatabase();

test('two kommuner with an area of the same name: the area filter keeps to the chosen kommune, and without one finds both', async () => {
  const [modum] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'modum'));
  const [sigdal] = await db().select().from(s.kommune).where(eq(s.kommune.slug, 'sigdal'));
  const [here] = await db().insert(s.area).values({ kommuneId: modum.id, slug: 'sentrum', name: 'Sentrum', kind: 'bydel', lat: 59.98, lon: 9.99 }).returning();
  const [there] = await db().insert(s.area).values({ kommuneId: sigdal.id, slug: 'sentrum', name: 'Sentrum', kind: 'bydel', lat: 60.05, lon: 9.65 }).returning();
  const [inModum] = await db().select({ id: s.activity.id }).from(s.activity).where(and(eq(s.activity.kommuneId, modum.id), eq(s.activity.status, 'published'), eq(s.activity.openForNew, true))).limit(1);
  const [inSigdal] = await db().select({ id: s.activity.id }).from(s.activity).where(and(eq(s.activity.kommuneId, sigdal.id), eq(s.activity.status, 'published'), eq(s.activity.openForNew, true))).limit(1);
  await db().update(s.activity).set({ areaId: here.id }).where(eq(s.activity.id, inModum.id));
  await db().update(s.activity).set({ areaId: there.id }).where(eq(s.activity.id, inSigdal.id));
  forgetPlaces();
  const ids = async (p: Parameters<typeof searchActivities>[0]) => (await searchActivities(p)).hits.map((h) => h.id).sort();
  expect(await ids({ omrade: 'sentrum', kommune: 'modum' })).toEqual([inModum.id]);
  expect(await ids({ omrade: 'sentrum', kommune: 'sigdal' })).toEqual([inSigdal.id]);
  expect(await ids({ omrade: 'sentrum' })).toEqual([inModum.id, inSigdal.id].sort());
  // Nearest first measures from the chosen kommune's Sentrum.
  expect((await searchActivities({ omrade: 'sentrum', kommune: 'sigdal', sortering: 'naer' })).hasOrigin).toBe(true);
});
