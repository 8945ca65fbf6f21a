import { z } from 'zod';
import { kommune, area } from '../../../db/schema/kommune';
import { db } from '../../utils/db.server';

type Places = {
  kommuner: { id: number; name: string; slug: string }[];
  areas: { id: number; name: string; slug: string; kommuneId: number; lat: number; lon: number }[];
  kommuneBySlug: Map<string, { id: number; name: string; slug: string }>;
  areaBySlug: Map<string, { id: number; name: string; slug: string; kommuneId: number; lat: number; lon: number }>;
};

// Kommuner and areas change a few times a year; a minute's cache saves two queries per search.
let cached: { at: number; places: Places; db: unknown } | undefined;

export async function lookupPlaces(): Promise<Places> {
  const current = db();
  if (cached && cached.db === current && Date.now() - cached.at < 60_000) return cached.places;
  const [kommuner, areas] = await Promise.all([
    current.select({ id: kommune.id, name: kommune.name, slug: kommune.slug }).from(kommune).orderBy(kommune.name),
    current.select({ id: area.id, name: area.name, slug: area.slug, kommuneId: area.kommuneId, lat: area.lat, lon: area.lon }).from(area).orderBy(area.name),
  ]);
  const places = {
    kommuner,
    areas,
    kommuneBySlug: new Map(kommuner.map((k) => [k.slug, k])),
    areaBySlug: new Map(areas.map((a) => [a.slug, a])),
  };
  cached = { at: Date.now(), places, db: current };
  return places;
}

/** After the kommune admin changes an area: this process's next search reads them again (others within the minute). */
export function forgetPlaces() {
  cached = undefined;
}

const kommuneQuery = z.object({ kommune: z.string().regex(/^[a-z0-9-]{2,40}$/).optional().catch(undefined) });

/** `?kommune=<slug>` from an address; anything else is ignored. */
export function kommuneFromUrl(url: string) {
  return kommuneQuery.parse(Object.fromEntries(new URL(url).searchParams)).kommune;
}
