import { sql, type SQL } from 'drizzle-orm';
import { database } from '../../utils/db.server';
import { PAGE_SIZE, type SearchParams } from './search-params';
import { categoriesNamedIn } from './category-words.server';
import { foldForSearch, searchWords } from './fold';
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
 * Below this many exact matches (with the filters), close spellings count too: "fotbll" has none and
 * gets the trigram matches, "fotball" has plenty and never pays for them (issue 13).
 */
export const TYPO_BELOW = PAGE_SIZE;

/**
 * Free text meets an activity exactly by any of: the Norwegian index (stemming with prefixes), a
 * category named in any UI language or by a synonym, or the club's translations in any language
 * (folded, prefixes). Only when those find fewer than TYPO_BELOW (with the same filters) does a close
 * spelling count as well: of a word in the title, category or club, or of a translated title.
 * The translation matches are collected first (an InitPlan over their own indexes), so the activity
 * table is still read through a BitmapOr of indexes instead of a scan that tests every row.
 */
function textConditions(q: string, filters: SQL) {
  const tsquery = prefixQuery(q);
  const folded = foldForSearch(q);
  const simpleQuery = prefixQuery(folded);
  const named = categoriesNamedIn(q);
  const exactly: SQL[] = [];
  if (tsquery) exactly.push(sql`a.search @@ to_tsquery('norwegian', ${tsquery})`);
  if (named.length) exactly.push(sql`a.category in ${named}`);
  if (simpleQuery) exactly.push(sql`a.id = any(array(select t.activity_id from activity_search_text t where t.search @@ to_tsquery('simple', ${simpleQuery})))`);
  const exact = exactly.length ? sql`(${sql.join(exactly, sql` or `)})` : sql`false`;
  // The gate is one uncorrelated subquery (its own `a` hides the outer one): the planner runs it once,
  // before anything else, and skips the trigram scans below when it is false. It reads exact matches
  // only until it has TYPO_BELOW of them. The CTE is planned for all its rows, so through the indexes:
  // a bare LIMIT made the planner scan the table and test each row, fast for a common word and a whole
  // table's read for a rare one.
  const typosCount = sql`(select count(*) from (with e as materialized (select a.id from activity a where ${filters} and ${exact}) select 1 from e limit ${TYPO_BELOW}) x) < ${TYPO_BELOW}`;
  // Two branches of a union rather than one OR: the planner underrates the cost of testing `<%` row by
  // row and would scan the table (about 20 times slower at national scale) instead of its two indexes.
  const typo = sql`a.id = any(array(select x.id from (
      select a.id from activity a where ${filters} and ${folded} <% a.search_folded
      union select t.activity_id from activity_search_text t where ${folded} <% t.title_folded
    ) x where ${typosCount}))`;
  const translationRank = simpleQuery
    ? sql`ts_rank(t.search, to_tsquery('simple', ${simpleQuery})) + word_similarity(${folded}, t.title_folded)`
    : sql`word_similarity(${folded}, t.title_folded)`;
  const rank = sql`(${tsquery ? sql`ts_rank(a.search, to_tsquery('norwegian', ${tsquery})) + ` : sql``}word_similarity(${folded}, a.search_folded)
    + ${named.length ? sql`(case when a.category in ${named} then 0.5 else 0 end)` : sql`0`}
    + coalesce((select max(${translationRank}) from activity_search_text t where t.activity_id = a.id), 0))`;
  // Cheap to test on a candidate (a short text, no index): those in a category asked for, or with every
  // word in the folded title, category or club, are ranked before the others when there are too many.
  const words = searchWords(folded).slice(0, 8);
  const inText = words.length ? sql.join(words.map((w) => sql`strpos(a.search_folded, ${w}) > 0`), sql` and `) : sql`false`;
  const strong = sql`(${named.length ? sql`a.category in ${named} or ` : sql``}(${inText}))`;
  return { where: sql`(${exact} or ${typo})`, rank, strong };
}

/** The WHERE clause for a search; shared by the list, the map and the query-plan test. */
export async function searchConditions(p: SearchParams, now: Date = new Date()) {
  const places = await lookupPlaces();
  const where: SQL[] = [sql`a.status = 'published'`, sql`(a.expires_at is null or a.expires_at > ${now.toISOString()}::timestamptz)`];
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
  // The filters alone go into the text's typo gate, which counts exact matches among what they keep.
  const filters = sql.join(where, sql` and `);
  const text = p.q ? textConditions(p.q, filters) : null;
  return { where: text ? sql`${filters} and ${text.where}` : filters, rank: text?.rank ?? sql`0::float4`, strong: text?.strong ?? sql`false`, places };
}

/** Where "nearest" measures from: the browser's position, else the chosen area's centre. */
function origin(p: SearchParams, places: Awaited<ReturnType<typeof lookupPlaces>>) {
  if (p.lat !== undefined && p.lon !== undefined) return { lat: p.lat, lon: p.lon };
  const area = p.omrade ? areasNamed(places, p.omrade, p.kommune)[0] : undefined;
  return area ? { lat: area.lat, lon: area.lon } : null;
}

/** Browsing counts its matches up to this many; past it the page says "more than" (issue 13). */
export const COUNT_BOUND = 1000;

/**
 * Free text ranked by relevance ranks at most this many candidates, the strongest first (issue 13):
 * ts_rank, word_similarity and the translations' rank cost some 20 µs a row, which on every match of
 * "fotball" at national scale (12 500) was most of the page's time.
 */
export const RANKED = 200;

/** The search's one statement (the page, its details and the count), shared by searchActivities and the query-plan test. */
export async function searchQuery(p: SearchParams, now: Date = new Date()) {
  const { where, rank, strong, places } = await searchConditions(p, now);
  const from = origin(p, places);
  // Equirectangular distance: exact enough within a region, and cheap.
  const distance = from
    ? sql`(6371 * sqrt(power(radians(v.lat - ${from.lat}), 2) + power(radians(v.lon - ${from.lon}) * cos(radians(${from.lat})), 2)))`
    : sql`null::float8`;
  const sorting = p.sortering ?? (p.q ? 'relevans' : 'nylig');
  // The order actually used: "nearest" needs a place to measure from, relevance needs words.
  const key = sorting === 'naer' && from ? 'distance' : sorting === 'pris' ? 'price' : sorting === 'relevans' && p.q ? 'rank' : 'date';
  const order = {
    distance: sql`m.distance_km asc nulls last, m.id`,
    price: sql`m.total_cost_per_year_ore asc, m.id`,
    rank: sql`m.rank desc nulls last, m.strong desc, m.last_confirmed_at desc nulls last, m.id`,
    date: sql`m.last_confirmed_at desc nulls last, m.id`,
  }[key];
  const page = p.side ?? 1;
  const offset = (page - 1) * PAGE_SIZE;
  // In an order an index keeps (by price or by date, with or without words): read the page through that
  // index (the planner walks it and stops after the page, or sorts the few matches of narrow words) and
  // count the matches only up to a bound, so the cost does not grow with the catalogue (issue 13).
  const indexOrder = key === 'price' ? sql`a.total_cost_per_year_ore asc, a.id` : key === 'date' ? sql`a.last_confirmed_at desc nulls last, a.id` : null;
  // Free text by relevance: up to COUNT_BOUND + 1 candidates through the text indexes (which is also the
  // count), the first RANKED of them ranked, those in a category asked for or with the words in title,
  // category or club first, then the fresher. The rest follow unranked, in that same order, so paging
  // still walks every candidate once. "Nearest" computes the distance of every match and sorts them all.
  const ranked = key === 'rank';
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
    : ranked
      ? sql`
    with candidates as materialized (
      select a.id, ${strong} as strong, a.last_confirmed_at from activity a where ${where} limit ${COUNT_BOUND + 1}
    ),
    ranked as materialized (
      select c.id from candidates c order by c.strong desc, c.last_confirmed_at desc nulls last, c.id limit ${RANKED}
    ),
    matches as materialized (
      select a.id, a.total_cost_per_year_ore, a.last_confirmed_at, c.strong, case when r.id is not null then ${rank} end as rank, ${distance} as distance_km
      from candidates c
      join activity a on a.id = c.id
      left join ranked r on r.id = c.id
      left join venue v on v.id = a.venue_id
    ),
    page as (
      select m.* from matches m
      order by ${order}
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
  const bounded = indexOrder !== null || ranked;
  return { query, where, indexOrder, ranked, bounded, sorting, page, from };
}

export async function searchActivities(p: SearchParams, now: Date = new Date()) {
  const { query, where, ranked, bounded, sorting, page, from } = await searchQuery(p, now);
  const rows = await run<SearchHit & { distance_km: number | null; total: string | number }>(query);
  const counted = rows.length ? Number(rows[0].total) : await countOnly(where, bounded ? COUNT_BOUND + 1 : null);
  // Past the bound the page says "more than 1 000". Browsing goes on one page at a time through its index;
  // ranked text has no more than its candidates, so its pages end there (narrowing the words is the way on).
  const moreThan = bounded && counted > COUNT_BOUND;
  const total = moreThan ? COUNT_BOUND : counted;
  const lastPage = Math.ceil((ranked ? Math.min(counted, COUNT_BOUND + 1) : COUNT_BOUND) / PAGE_SIZE);
  return {
    hits: rows.map(({ distance_km, total: _t, ...r }) => ({ ...r, distanceKm: distance_km === null ? null : Number(distance_km), lastConfirmedAt: r.lastConfirmedAt ? new Date(r.lastConfirmedAt).toISOString() : null })),
    total,
    moreThan,
    page,
    pages: moreThan ? (ranked ? lastPage : Math.max(lastPage, page + (rows.length === PAGE_SIZE ? 1 : 0))) : Math.max(1, Math.ceil(total / PAGE_SIZE)),
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

// Every search statement is prepared: a search page's statement is one of a few shapes (which filters
// are set), sent over and over with new values (docs/decisions/028).
async function run<T>(query: SQL): Promise<T[]> {
  return database().prepared<T>(query);
}

export { run as runSql };
