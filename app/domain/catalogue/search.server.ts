import { sql, type SQL } from 'drizzle-orm';
import { database } from '../../utils/db.server';
import { PAGE_SIZE, type SearchParams } from './search-params';
import { categoriesNamedIn } from './category-words.server';
import { foldForSearch } from './fold';
import { areasNamed, lookupPlaces } from './places.server';

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  category: string;
  /** The club's own kind for the category 'annet', shown instead of the category's name. */
  categoryOther: string | null;
  ageMin: number;
  ageMax: number;
  totalCostPerYearOre: number;
  trialSession: boolean;
  hasLendableEquipment: boolean;
  hasSupport: boolean;
  freePlaces: number;
  dropIn: boolean;
  openForNew: boolean;
  waitingList: boolean;
  leaderLanguages: string[];
  adaptations: string[];
  organisationName: string;
  areaName: string | null;
  kommuneName: string;
  kommuneSlug: string;
  venueName: string | null;
  lat: number | null;
  lon: number | null;
  distanceKm: number | null;
  lastConfirmedAt: string | null;
  sessions: { weekday: number | null; start: string; end: string }[];
}

/** Turns free text into a prefix tsquery ("fotball" also finds "fotballskole"); null when nothing is left. */
export function prefixQuery(q: string) {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/**
 * Free text meets an activity by any of: the Norwegian index (stemming with prefixes, or a close spelling
 * of a word in the title, category or club), a category named in any UI language or by a synonym, or the
 * club's translations in any language (folded, prefixes, close spelling of a title word). The translation
 * matches are collected first (an InitPlan over their own indexes), so the activity table is still read
 * through a BitmapOr of indexes instead of a scan that tests every row.
 */
function textConditions(q: string) {
  const tsquery = prefixQuery(q);
  const folded = foldForSearch(q);
  const simpleQuery = prefixQuery(folded);
  const named = categoriesNamedIn(q);
  const alternatives: SQL[] = [];
  if (tsquery) alternatives.push(sql`a.search @@ to_tsquery('norwegian', ${tsquery})`);
  alternatives.push(sql`${folded} <% a.search_folded`);
  if (named.length) alternatives.push(sql`a.category in ${named}`);
  // Two branches of a union rather than one OR: the planner underrates the cost of testing `<%` row by
  // row and would scan the table (about 20 times slower at national scale) instead of its two indexes.
  const byTrigram = sql`select t.activity_id from activity_search_text t where ${folded} <% t.title_folded`;
  const translated = simpleQuery
    ? sql`select t.activity_id from activity_search_text t where t.search @@ to_tsquery('simple', ${simpleQuery}) union ${byTrigram}`
    : byTrigram;
  alternatives.push(sql`a.id = any(array(${translated}))`);
  const translationRank = simpleQuery
    ? sql`ts_rank(t.search, to_tsquery('simple', ${simpleQuery})) + word_similarity(${folded}, t.title_folded)`
    : sql`word_similarity(${folded}, t.title_folded)`;
  const rank = sql`(${tsquery ? sql`ts_rank(a.search, to_tsquery('norwegian', ${tsquery})) + ` : sql``}word_similarity(${folded}, a.search_folded)
    + ${named.length ? sql`(case when a.category in ${named} then 0.5 else 0 end)` : sql`0`}
    + coalesce((select max(${translationRank}) from activity_search_text t where t.activity_id = a.id), 0))`;
  return { where: sql`(${sql.join(alternatives, sql` or `)})`, rank };
}

/** The WHERE clause for a search; shared by the list, the map and the query-plan test. */
export async function searchConditions(p: SearchParams, now: Date = new Date()) {
  const places = await lookupPlaces();
  const where: SQL[] = [sql`a.status = 'published'`, sql`(a.expires_at is null or a.expires_at > ${now.toISOString()}::timestamptz)`];
  const text = p.q ? textConditions(p.q) : null;
  if (text) where.push(text.where);
  // On unless the family asks to see the full ones too (nye=0): a result nobody can join is a dead end.
  if (p.nye !== false) where.push(sql`a.open_for_new`);
  if (p.alder !== undefined) where.push(sql`a.age_min <= ${p.alder} and a.age_max >= ${p.alder}`);
  if (p.kategori?.length) where.push(sql`a.category in ${p.kategori}`);
  if (p.kommune) where.push(sql`a.kommune_id = ${places.kommuneBySlug.get(p.kommune)?.id ?? -1}`);
  if (p.omrade) {
    const ids = areasNamed(places, p.omrade, p.kommune).map((a) => a.id);
    where.push(ids.length ? sql`a.area_id in ${ids}` : sql`false`);
  }
  if (p.dag?.length) where.push(sql`exists (select 1 from activity_session s where s.activity_id = a.id and s.weekday in ${p.dag})`);
  if (p.maks_pris !== undefined) where.push(sql`a.total_cost_per_year_ore <= ${p.maks_pris * 100}`);
  if (p.gratis) where.push(sql`a.total_cost_per_year_ore = 0`);
  if (p.prove) where.push(sql`a.trial_session`);
  if (p.utlan) where.push(sql`a.has_lendable_equipment`);
  if (p.stotte) where.push(sql`a.has_support`);
  if (p.dropin) where.push(sql`a.drop_in`);
  if (p.nybegynner) where.push(sql`a.level in ('beginner', 'all')`);
  if (p.tilrettelagt?.length) where.push(sql`a.adaptations @> ${`{${p.tilrettelagt.join(',')}}`}::text[]`);
  if (p.sprak) where.push(sql`a.leader_languages @> ${`{${p.sprak}}`}::text[]`);
  if (p.kjonn) where.push(sql`a.gender in (${p.kjonn}, 'all')`);
  return { where: sql.join(where, sql` and `), rank: text?.rank ?? sql`0::float4`, places };
}

/** Where "nearest" measures from: the browser's position, else the chosen area's centre. */
function origin(p: SearchParams, places: Awaited<ReturnType<typeof lookupPlaces>>) {
  if (p.lat !== undefined && p.lon !== undefined) return { lat: p.lat, lon: p.lon };
  const area = p.omrade ? areasNamed(places, p.omrade, p.kommune)[0] : undefined;
  return area ? { lat: area.lat, lon: area.lon } : null;
}

/** Browsing counts its matches up to this many; past it the page says "more than" (issue 13). */
export const COUNT_BOUND = 1000;

/** The search's one statement (the page, its details and the count), shared by searchActivities and the query-plan test. */
export async function searchQuery(p: SearchParams, now: Date = new Date()) {
  const { where, rank, places } = await searchConditions(p, now);
  const from = origin(p, places);
  // Equirectangular distance: exact enough within a region, and cheap.
  const distance = from
    ? sql`(6371 * sqrt(power(radians(v.lat - ${from.lat}), 2) + power(radians(v.lon - ${from.lon}) * cos(radians(${from.lat})), 2)))`
    : sql`null::float8`;
  const sorting = p.sortering ?? (p.q ? 'relevans' : 'nylig');
  const order =
    sorting === 'naer' && from
      ? sql`m.distance_km asc nulls last, m.id`
      : sorting === 'pris'
        ? sql`m.total_cost_per_year_ore asc, m.id`
        : sorting === 'relevans' && p.q
          ? sql`m.rank desc, m.id`
          : sql`m.last_confirmed_at desc nulls last, m.id`;
  const page = p.side ?? 1;
  const offset = (page - 1) * PAGE_SIZE;
  // Browsing (no words) in an order an index keeps: read the page through that index (the planner walks
  // it and stops after the page) and count the matches only up to a bound, so the cost does not grow with
  // the catalogue (issue 13). Free text is ranked and "nearest" computed per match: there the matches are
  // found first through their indexes (materialised, so the planner cannot walk a sort index and test
  // every row instead), then sorted.
  const indexOrder = !p.q && sorting === 'pris' ? sql`a.total_cost_per_year_ore asc, a.id` : !p.q && sorting === 'nylig' ? sql`a.last_confirmed_at desc nulls last, a.id` : null;
  const pageRows = indexOrder
    ? sql`
    with page as (
      select a.id, a.total_cost_per_year_ore, a.last_confirmed_at, 0::float4 as rank, ${distance} as distance_km
      from activity a
      left join venue v on v.id = a.venue_id
      where ${where}
      order by ${indexOrder}
      limit ${PAGE_SIZE} offset ${offset}
    )`
    : sql`
    with matches as materialized (
      select a.id, a.total_cost_per_year_ore, a.last_confirmed_at, ${rank} as rank, ${distance} as distance_km
      from activity a
      left join venue v on v.id = a.venue_id
      where ${where}
    ),
    page as (
      select m.* from matches m
      order by ${order}
      limit ${PAGE_SIZE} offset ${offset}
    )`;
  const totalSql = indexOrder
    ? sql`(select count(*) from (select 1 from activity a left join venue v on v.id = a.venue_id where ${where} limit ${COUNT_BOUND + 1}) c)`
    : sql`(select count(*) from matches)`;
  const query = sql`
    ${pageRows}
    select a.id, a.slug, a.title, a.category, a.category_other as "categoryOther", a.age_min as "ageMin", a.age_max as "ageMax",
      a.total_cost_per_year_ore as "totalCostPerYearOre", a.trial_session as "trialSession",
      a.has_lendable_equipment as "hasLendableEquipment", a.has_support as "hasSupport", a.free_places as "freePlaces",
      a.drop_in as "dropIn", a.open_for_new as "openForNew", a.waiting_list as "waitingList", a.leader_languages as "leaderLanguages", a.adaptations,
      o.name as "organisationName", ar.name as "areaName", k.name as "kommuneName", k.slug as "kommuneSlug", v.name as "venueName",
      v.lat, v.lon, m.distance_km, a.last_confirmed_at as "lastConfirmedAt", ${totalSql} as total,
      coalesce((select json_agg(json_build_object('weekday', s.weekday, 'start', to_char(s.start_time, 'HH24:MI'), 'end', to_char(s.end_time, 'HH24:MI')) order by s.weekday, s.start_time)
        from activity_session s where s.activity_id = a.id and s.weekday is not null), '[]'::json) as sessions
    from page m
    join activity a on a.id = m.id
    join organisation o on o.id = a.organisation_id
    join kommune k on k.id = a.kommune_id
    left join venue v on v.id = a.venue_id
    left join area ar on ar.id = a.area_id
    order by ${order}`;
  return { query, where, indexOrder, sorting, page, from };
}

export async function searchActivities(p: SearchParams, now: Date = new Date()) {
  const { query, where, indexOrder, sorting, page, from } = await searchQuery(p, now);
  const rows = await run<SearchHit & { distance_km: number | null; total: string | number }>(query);
  const counted = rows.length ? Number(rows[0].total) : await countOnly(where, indexOrder ? COUNT_BOUND + 1 : null);
  // Past the bound the page says "more than 1 000", and paging goes on one page at a time.
  const moreThan = indexOrder !== null && counted > COUNT_BOUND;
  const total = moreThan ? COUNT_BOUND : counted;
  return {
    hits: rows.map(({ distance_km, total: _t, ...r }) => ({ ...r, distanceKm: distance_km === null ? null : Number(distance_km), lastConfirmedAt: r.lastConfirmedAt ? new Date(r.lastConfirmedAt).toISOString() : null })),
    total,
    moreThan,
    page,
    pages: moreThan ? Math.max(Math.ceil(COUNT_BOUND / PAGE_SIZE), page + (rows.length === PAGE_SIZE ? 1 : 0)) : Math.max(1, Math.ceil(total / PAGE_SIZE)),
    sorting,
    hasOrigin: from !== null,
  };
}

/** Points for the map: every match (up to a cap), only what a marker needs. */
export async function searchMapPoints(p: SearchParams, limit = 1000) {
  const { where } = await searchConditions(p);
  return run<{ id: number; slug: string; title: string; lat: number; lon: number; category: string }>(sql`
    select a.id, a.slug, a.title, a.category, v.lat, v.lon
    from activity a join venue v on v.id = a.venue_id
    where ${where}
    order by a.id
    limit ${limit}`);
}

async function countOnly(where: SQL, bound: number | null) {
  // Only reached when the page is past the last result, so the window count is missing.
  const [row] = await run<{ n: number }>(
    bound === null
      ? sql`select count(*)::int as n from activity a left join venue v on v.id = a.venue_id where ${where}`
      : sql`select count(*)::int as n from (select 1 from activity a left join venue v on v.id = a.venue_id where ${where} limit ${bound}) c`,
  );
  return row?.n ?? 0;
}

async function run<T>(query: SQL): Promise<T[]> {
  const result = (await database().db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export { run as runSql };
