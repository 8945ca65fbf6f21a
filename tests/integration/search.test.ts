import fc from 'fast-check';
import { parseSearchParams } from '../../app/domain/catalogue/search-params.server';
import type { SearchParams } from '../../app/domain/catalogue/search-params';
import { foldForSearch, searchWords } from '../../app/domain/catalogue/fold';
import { sql, type SQL } from 'drizzle-orm';
import { prefixQuery, searchActivities, searchMapPoints, searchQuery, TYPO_BELOW } from '../../app/domain/catalogue/search.server';
import { adaptations, categories, leaderLanguages } from '../../app/domain/catalogue/taxonomy';
import { openDatabase } from '../../db/client';
import { useDatabase } from '../../app/utils/db.server';
import { useTestDatabase } from '../setup/db';

const t = useTestDatabase();

type Row = {
  id: number; title: string; category: string; age_min: number; age_max: number; kommune: string; area: string | null;
  total: number; trial_session: boolean; has_lendable_equipment: boolean; has_support: boolean; drop_in: boolean;
  level: string; gender: string; adaptations: string[]; leader_languages: string[]; weekdays: number[] | null; public: boolean;
  open_for_new: boolean;
};
let rows: Row[] = [];

// Free text in the reference: a pool of words in several languages, each with the categories it names
// (written out here, not taken from the matcher), and per word the rows the Norwegian index and the
// trigram indexes find by their own definitions (row by row, no index), read once.
const textPool: Record<string, string[]> = {
  fotball: ['fotball'],
  football: ['fotball'],
  soccer: ['fotball'],
  'kubadda cagta': ['fotball'],
  'كرة القدم': ['fotball'],
  'piłka nożna': ['fotball'],
  swimming: ['svomming'],
  'تیراکی': ['svomming'],
  ceramika: [],
  'кераміка': [],
  'الخزف': [],
  'کوزہ گری': [],
  dheryaha: [],
  dugsiga: [],
  'مدرسة': [],
  skileik: [],
  school: [],
  barn: [],
  qqxxzzvv: [],
  // Typos: nothing exact, so close spellings count.
  fotbll: [],
  handbal: ['handball'],
  musikk: ['musikk'],
};
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Actual Loops'?: number; Filter?: string; 'Index Cond'?: string; 'Recheck Cond'?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
/** A scan of a table (not the bitmap under it) that tests a close spelling (`<%`, or `%>` in an index). */
const testsTrigrams = (n: PlanNode) => n['Relation Name'] !== undefined && /<%|%>/.test([n.Filter, n['Index Cond'], n['Recheck Cond']].join(' '));
async function executedPlan(query: SQL) {
  const result = (await t.handle.db.execute(sql`explain (analyze, format json) ${query}`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const raw = rows[0]['QUERY PLAN'];
  return nodes(((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0].Plan);
}
const byText = new Map<string, { norwegian: Set<number>; typo: Set<number>; trigram: Set<number> }>();
let translated: { id: number; words: string[] }[] = [];

beforeAll(async () => {
  rows = await t.handle.query<Row>(`
    select a.id, a.title, a.category, a.age_min, a.age_max, k.slug as kommune, ar.slug as area, a.total_cost_per_year_ore as total,
      a.trial_session, a.has_lendable_equipment, a.has_support, a.drop_in, a.level, a.gender, a.adaptations, a.leader_languages,
      (select array_agg(weekday) from activity_session s where s.activity_id = a.id) as weekdays,
      (a.status = 'published' and (a.expires_at is null or a.expires_at > now())) as public, a.open_for_new
    from activity a join kommune k on k.id = a.kommune_id left join area ar on ar.id = a.area_id`);
  // The club's translations, per activity and language, as words folded the one way search folds.
  const texts = await t.handle.query<{ id: number; text: string }>(`
    select entity_id as id, string_agg(text, ' ') as text from translation
    where entity = 'activity' and field in ('title', 'description', 'whatToBring') and language <> 'nb'
    group by entity_id, language`);
  translated = texts.map((r) => ({ id: r.id, words: searchWords(foldForSearch(r.text)) }));
  for (const q of Object.keys(textPool)) {
    const tsquery = prefixQuery(q);
    const norwegian = tsquery ? await t.handle.query<{ id: number }>(`select id from activity where search @@ to_tsquery('norwegian', $1)`, [tsquery]) : [];
    const typo = await t.handle.query<{ id: number }>(`select id from activity where word_similarity($1, search_folded) >= 0.5`, [foldForSearch(q)]);
    const trigram = await t.handle.query<{ id: number }>(`select activity_id as id from activity_search_text where word_similarity($1, title_folded) >= 0.5`, [foldForSearch(q)]);
    byText.set(q, { norwegian: new Set(norwegian.map((r) => r.id)), typo: new Set(typo.map((r) => r.id)), trigram: new Set(trigram.map((r) => r.id)) });
  }
});

/** Free text as the reference sees it exactly: the Norwegian index, a category named, a translation's words. */
function exactMatch(q: string, r: Row) {
  if (byText.get(q)!.norwegian.has(r.id)) return true;
  if (textPool[q].includes(r.category)) return true;
  const typed = searchWords(foldForSearch(q));
  return translated.some((tr) => tr.id === r.id && typed.every((w) => tr.words.some((x) => x.startsWith(w))));
}

/** A close spelling (trigrams) of the title, category or club, or of a translated title. */
function typoMatch(q: string, r: Row) {
  const known = byText.get(q)!;
  return known.typo.has(r.id) || known.trigram.has(r.id);
}

/** The plain reference: the same filters written as array operations over every row. */
function reference(p: SearchParams) {
  // Close spellings count only when the exact ways find fewer than TYPO_BELOW with the same filters.
  const filtered = filterRows(p);
  const q = p.q;
  if (!q) return filtered.map((r) => r.id).sort((a, b) => a - b);
  const exact = filtered.filter((r) => exactMatch(q, r));
  const found = exact.length < TYPO_BELOW ? filtered.filter((r) => exactMatch(q, r) || typoMatch(q, r)) : exact;
  return found.map((r) => r.id).sort((a, b) => a - b);
}

/** Every filter but the words. */
function filterRows(p: SearchParams) {
  return rows
    .filter((r) => r.public)
    .filter((r) => p.nye === false || r.open_for_new)
    .filter((r) => p.alder === undefined || (r.age_min <= p.alder && r.age_max >= p.alder))
    .filter((r) => !p.kategori?.length || p.kategori.includes(r.category as never))
    .filter((r) => !p.kommune || r.kommune === p.kommune)
    .filter((r) => !p.omrade || r.area === p.omrade)
    .filter((r) => !p.dag?.length || (r.weekdays ?? []).some((d) => p.dag!.includes(d)))
    .filter((r) => p.maks_pris === undefined || r.total <= p.maks_pris * 100)
    .filter((r) => !p.gratis || r.total === 0)
    .filter((r) => !p.prove || r.trial_session)
    .filter((r) => !p.utlan || r.has_lendable_equipment)
    .filter((r) => !p.stotte || r.has_support)
    .filter((r) => !p.dropin || r.drop_in)
    .filter((r) => !p.nybegynner || ['beginner', 'all'].includes(r.level))
    .filter((r) => !p.tilrettelagt?.length || p.tilrettelagt.every((a) => r.adaptations.includes(a)))
    .filter((r) => !p.sprak || r.leader_languages.includes(p.sprak))
    .filter((r) => !p.kjonn || r.gender === p.kjonn || r.gender === 'all');
}

async function allIds(p: SearchParams) {
  const points = await searchMapPoints(p, 100_000);
  return points.map((x) => x.id).sort((a, b) => a - b);
}

const paramsArb = fc.record(
  {
    alder: fc.integer({ min: 5, max: 19 }),
    kategori: fc.subarray([...categories], { minLength: 1, maxLength: 3 }),
    kommune: fc.constantFrom('modum', 'sigdal', 'krodsherad'),
    omrade: fc.constantFrom('vikersund', 'geithus', 'amot', 'prestfoss', 'eggedal', 'noresund', 'kroderen'),
    dag: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1, maxLength: 3 }),
    maks_pris: fc.constantFrom(0, 500, 1000, 2000, 4000),
    gratis: fc.constant(true),
    prove: fc.constant(true),
    utlan: fc.constant(true),
    stotte: fc.constant(true),
    dropin: fc.constant(true),
    nybegynner: fc.constant(true),
    tilrettelagt: fc.subarray([...adaptations], { minLength: 1, maxLength: 2 }),
    sprak: fc.constantFrom(...leaderLanguages),
    kjonn: fc.constantFrom('girls' as const, 'boys' as const),
    nye: fc.constant(false),
    q: fc.constantFrom(...Object.keys(textPool)),
  },
  { requiredKeys: [] },
);

describe('search filters', () => {
  test('any combination of filters gives exactly what a plain filter over the data gives', async () => {
    await fc.assert(
      fc.asyncProperty(paramsArb, async (p) => {
        expect(await allIds(p as SearchParams)).toEqual(reference(p as SearchParams));
      }),
      { numRuns: 150, seed: 2016 },
    );
  });

  test.each([
    ['alder', { alder: 10 }],
    ['kategori', { kategori: ['fotball'] }],
    ['kommune', { kommune: 'sigdal' }],
    ['omrade', { omrade: 'vikersund' }],
    ['dag', { dag: [2] }],
    ['maks_pris', { maks_pris: 1000 }],
    ['gratis', { gratis: true }],
    ['prove', { prove: true }],
    ['utlan', { utlan: true }],
    ['stotte', { stotte: true }],
    ['dropin', { dropin: true }],
    ['nybegynner', { nybegynner: true }],
    ['tilrettelagt', { tilrettelagt: ['step_free'] }],
    ['sprak', { sprak: 'so' }],
    ['kjonn', { kjonn: 'girls' }],
    ['q', { q: 'kubadda cagta' }],
    ['q', { q: 'кераміка' }],
    // A correct word takes no close spellings ("fotball" is not "håndball"); a typo takes them.
    ['q', { q: 'fotball' }],
    ['q', { q: 'fotbll' }],
    ['q', { q: 'handbal', kommune: 'modum' }],
  ] as [string, SearchParams][])('the %s filter narrows the result and matches the reference', async (_name, filter) => {
    // Over every public listing, full ones too, so a filter is not judged by the default one.
    const p = { ...filter, nye: false };
    const ids = await allIds(p);
    expect(ids).toEqual(reference(p));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(reference({ nye: false }).length);
  });

  test('only activities taking new members by default; nye=0 shows the full ones too', async () => {
    const open = await allIds({});
    const all = await allIds({ nye: false });
    expect(open).toEqual(reference({}));
    expect(all).toEqual(reference({ nye: false }));
    const full = rows.filter((r) => r.public && !r.open_for_new).map((r) => r.id);
    expect(full.length).toBeGreaterThan(0);
    expect(open.some((id) => full.includes(id))).toBe(false);
    expect(all).toEqual(expect.arrayContaining(full));
    expect(parseSearchParams(new URLSearchParams('nye=0')).params).toEqual({ nye: false });
    // The form's hidden nye=0 followed by the ticked box's nye=1: the filter stays on.
    expect(parseSearchParams(new URLSearchParams('nye=0&nye=1')).params).toEqual({});
  });

  test('the list and the map agree on the total, and paging walks every result once', async () => {
    const p: SearchParams = { alder: 12 };
    const first = await searchActivities(p);
    expect(first.total).toBe(reference(p).length);
    const seen: number[] = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...(await searchActivities({ ...p, side: page })).hits.map((h) => h.id));
    expect(seen.sort((a, b) => a - b)).toEqual(reference(p));
  });
});

describe('free-text search', () => {
  const titles = async (q: string) => (await searchMapPoints({ q }, 1000)).map((r) => r.title.toLowerCase());

  test('stemming: "fotballag" and "fotball" meet', async () => {
    const a = await titles('fotball');
    const b = await titles('fotballag');
    expect(a.length).toBeGreaterThan(5);
    expect(b).toEqual(expect.arrayContaining(a.filter((x) => x.includes('fotball'))));
  });

  test('a typo such as "fotbal" or "fotbll" still finds football', async () => {
    for (const typo of ['fotbal', 'fotbll', 'handbal']) {
      const hits = await titles(typo);
      expect(hits.filter((x) => x.includes(typo.startsWith('hand') ? 'håndball' : 'fotball')).length, typo).toBeGreaterThan(2);
    }
  });

  test('close spellings count only when the words as typed find too little', async () => {
    // Words with enough exact matches at this size; at 20 000 "fotball" is one (query-plan.test.ts).
    for (const q of ['barn', 'musikk']) {
      const exact = filterRows({}).filter((r) => exactMatch(q, r)).map((r) => r.id).sort((x, y) => x - y);
      expect(exact.length, q).toBeGreaterThanOrEqual(TYPO_BELOW);
      expect(await allIds({ q }), q).toEqual(exact);
      expect(filterRows({}).some((r) => typoMatch(q, r) && !exactMatch(q, r)), `${q} has close spellings to leave out`).toBe(true);
    }
    const typo = await titles('fotbll');
    expect(typo.filter((x) => x.includes('fotball')).length).toBeGreaterThan(2);
  });

  test('a correct word never runs the trigram scans; a typo does', async () => {
    // Read from the statement the page runs, as PostgreSQL executed it: a scan that never ran has no loops.
    for (const [q, runs] of [['barn', false], ['musikk', false], ['fotbll', true], ['kubadda cagta', true]] as const) {
      const scans = (await executedPlan((await searchQuery({ q })).query)).filter(testsTrigrams);
      // The title, category and club on the activity, and the translated titles.
      expect(scans.map((n) => n['Relation Name']).sort(), q).toEqual(['activity', 'activity_search_text']);
      expect(scans.every((n) => (n['Actual Loops'] ?? 0) > 0), q).toBe(runs);
      expect(scans.some((n) => (n['Actual Loops'] ?? 0) > 0), q).toBe(runs);
    }
  });

  test('an inflected form finds the base word ("svømmeskolen")', async () => {
    const hits = await titles('svømmeskolen');
    expect(hits.some((x) => x.includes('svømmeskole'))).toBe(true);
  });

  test('the category name and the organisation name are searched too', async () => {
    const byCategory = await searchMapPoints({ q: 'kampsport' }, 1000);
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory.every((r) => r.category === 'kampsport')).toBe(true);
    const byOrg = await titles('Hestehoven');
    expect(byOrg.length).toBeGreaterThan(0);
  });

  test('relevance puts a title match first', async () => {
    const result = await searchActivities({ q: 'skileik' });
    expect(result.hits[0].title.toLowerCase()).toContain('skileik');
  });

  test('nonsense finds nothing, and the count says 0', async () => {
    const result = await searchActivities({ q: 'qqxxzzvv' });
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
  });
});

describe('prepared statements', () => {
  test('the search statement is prepared once per connection and then only bound and executed', async () => {
    if (!t.url) {
      // PGlite (no PostgreSQL answered): one in-process session without named statements; search still works.
      expect(t.handle.kind).toBe('pglite');
      expect((await searchActivities({ q: 'fotball' })).total).toBeGreaterThan(0);
      return;
    }
    // One connection, so the statements PostgreSQL lists for this session are the ones the searches made.
    const one = await openDatabase({ url: t.url, maxConnections: 1 });
    useDatabase(one);
    try {
      for (let i = 0; i < 7; i++) await searchActivities({ q: i % 2 ? 'fotball' : 'musikk' });
      await searchActivities({ q: 'fotball', kommune: 'modum' });
      const statements = await one.query<{ statement: string; runs: number }>(
        `select statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements where statement like '%with candidates as materialized%'`,
      );
      // Two shapes (words alone; words and a kommune), each parsed once: 7 runs of one, 1 of the other.
      expect(statements.map((s) => s.runs).sort()).toEqual([1, 7]);
    } finally {
      useDatabase(t.handle);
      await one.close();
    }
  });
});

describe('sorting', () => {
  test('lowest cost first', async () => {
    const { hits } = await searchActivities({ sortering: 'pris' });
    const costs = hits.map((h) => h.totalCostPerYearOre);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  test('nearest to a chosen area, with the distance shown', async () => {
    const { hits, hasOrigin } = await searchActivities({ omrade: 'geithus', sortering: 'naer' });
    expect(hasOrigin).toBe(true);
    const d = hits.map((h) => h.distanceKm!);
    expect(d.every((x) => typeof x === 'number')).toBe(true);
    expect(d).toEqual([...d].sort((a, b) => a - b));
  });

  test('nearest to the browser position', async () => {
    const { hits } = await searchActivities({ lat: 60.18, lon: 9.62, sortering: 'naer' });
    expect(hits[0].kommuneName).toBe('Krødsherad');
  });

  test('recently confirmed first when there is no search text', async () => {
    const { hits, sorting } = await searchActivities({});
    expect(sorting).toBe('nylig');
    const times = hits.map((h) => h.lastConfirmedAt!);
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe('search parameters from the address', () => {
  test('a bad value is dropped and named; the rest still applies', () => {
    const { params, invalid } = parseSearchParams(new URLSearchParams('alder=ti&kategori=fotball&kategori=nope&gratis=1&side=0'));
    expect(invalid.sort()).toEqual(['alder', 'kategori', 'side']);
    expect(params).toEqual({ gratis: true });
  });

  test('several categories and days are kept', () => {
    const { params } = parseSearchParams(new URLSearchParams('kategori=fotball&kategori=dans&dag=2&dag=4'));
    expect(params).toEqual({ kategori: ['fotball', 'dans'], dag: [2, 4] });
  });
});
