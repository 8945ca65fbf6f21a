import { z } from 'zod';
import { kommune, area } from '../../../db/schema/kommune';
import { db } from '../../utils/db.server';

type Area = { id: number; name: string; slug: string; kommuneId: number; lat: number; lon: number };
type Places = {
  kommuner: { id: number; name: string; slug: string }[];
  areas: Area[];
  kommuneBySlug: Map<string, { id: number; name: string; slug: string }>;
  /** An area's slug is unique within its kommune only: two kommuner can each have a "sentrum". */
  areasBySlug: Map<string, Area[]>;
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
    areasBySlug: areas.reduce((m, a) => m.set(a.slug, [...(m.get(a.slug) ?? []), a]), new Map<string, Area[]>()),
  };
  cached = { at: Date.now(), places, db: current };
  return places;
}

/** The areas `?omrade=` names: within the chosen kommune when there is one, else every kommune's of that name. */
export function areasNamed(places: Places, slug: string, kommuneSlug?: string) {
  const all = places.areasBySlug.get(slug) ?? [];
  const k = kommuneSlug ? places.kommuneBySlug.get(kommuneSlug) : undefined;
  return k ? all.filter((a) => a.kommuneId === k.id) : all;
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
