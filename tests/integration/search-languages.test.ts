import { readFileSync } from 'node:fs';
import synonyms from '../../app/domain/catalogue/category-synonyms.json';
import { categoriesNamedIn } from '../../app/domain/catalogue/category-words.server';
import { searchActivities, searchMapPoints } from '../../app/domain/catalogue/search.server';
import { categories } from '../../app/domain/catalogue/taxonomy';
import { languages } from '../../app/i18n';
import { loader as searchLoader } from '../../app/routes/aktiviteter._index';
import { action as translationAction } from '../../app/routes/klubb.$orgId.aktiviteter.$activityId.oversettelse';
import { useTestDatabase } from '../setup/db';
import { form, request, userWithRole } from '../setup/users';

// Issue 11, part 1: a family finds activities in the language it reads, not only in Norwegian.
const t = useTestDatabase();

const catalogue = (lng: string) => JSON.parse(readFileSync(`locales/${lng}/catalogue.json`, 'utf8')) as { filter: { q: { placeholder: string } }; category: Record<string, string> };
const ids = async (q: string) => (await searchMapPoints({ q }, 10_000)).map((p) => p.id);

let football: number[] = [];
let keramikk: { id: number; orgId: number };
let fotballskole: number;

beforeAll(async () => {
  football = (await searchMapPoints({ kategori: ['fotball'] }, 10_000)).map((p) => p.id);
  const [k] = await t.handle.query<{ id: number; org: number }>(
    `select a.id, a.organisation_id as org from activity a join translation tr on tr.entity = 'activity' and tr.entity_id = a.id where tr.text = 'Ceramika dla dzieci'`,
  );
  keramikk = { id: k.id, orgId: k.org };
  const [f] = await t.handle.query<{ id: number }>(`select entity_id as id from translation where entity = 'activity' and text = 'مدرسة كرة القدم'`);
  fotballskole = f.id;
});

describe('the search box suggests an example word in every language, and it works', () => {
  test.each([...languages])('%s: the placeholder’s example finds every football activity', async (lng) => {
    const { filter, category } = catalogue(lng);
    const placeholder = filter.q.placeholder;
    // The example is the football label as it stands in the placeholder ("Tusaale ahaan kubadda cagta").
    const at = placeholder.toLowerCase().indexOf(category.fotball.toLowerCase());
    expect(at, `${lng} placeholder names football`).toBeGreaterThanOrEqual(0);
    const example = placeholder.slice(at);
    expect(football.length).toBeGreaterThan(5);
    expect(await ids(example)).toEqual(expect.arrayContaining(football));
    // Typed as shown, "for example" and all.
    expect(await ids(placeholder)).toEqual(expect.arrayContaining(football));
    const first = await searchActivities({ q: example });
    expect(first.hits[0].category).toBe('fotball');
  });

  test('common words for football in other languages are synonyms (data, not code)', async () => {
    for (const word of ['soccer', 'fútbol', 'futbol', 'Fußball', 'kubadda cagta', 'فٹبال', 'ፉትቦል']) {
      expect(await ids(word), word).toEqual(expect.arrayContaining(football));
    }
  });

  test('the synonym file names only known categories, and no word means two of them', () => {
    const owner = new Map<string, string>();
    for (const [code, words] of Object.entries(synonyms as Record<string, string[]>)) {
      expect(categories).toContain(code);
      for (const w of words) {
        expect(owner.get(w.toLowerCase()) ?? code, w).toBe(code);
        owner.set(w.toLowerCase(), code);
        expect(categoriesNamedIn(w), w).toContain(code);
      }
    }
  });

  test('small words of a category label ("og", "and", "iyo") name nothing', () => {
    for (const w of ['og', 'and', 'iyo', 'ja', 'i', 'و', 'اور']) expect(categoriesNamedIn(w), w).toEqual([]);
  });
});

describe('a club’s translated text is searched in its language', () => {
  test.each([
    ['ar', 'الخزف'],
    ['ar', 'خزف'],
    ['ar', 'الخَزَف'],
    ['ur', 'کوزہ گری'],
    ['ur', 'كوزه'],
    ['so', 'dheryaha'],
    ['so', 'dhoobada'],
    ['pl', 'ceramika'],
    ['pl', 'ceramka'],
    ['uk', 'кераміка'],
    ['uk', 'Кераміка для дітей'],
  ])('%s: "%s" finds the activity, with its title in that language', async (lng, word) => {
    expect(await ids(word)).toContain(keramikk.id);
    const response = await searchLoader({ request: request(`/aktiviteter?q=${encodeURIComponent(word)}&lng=${lng}`), params: {}, context: {} });
    const data = (await response.json()) as { hits: { id: number; texts: { title: { text: string; lang: string } } }[] };
    const hit = data.hits.find((h) => h.id === keramikk.id)!;
    expect(hit).toBeDefined();
    expect(hit.texts.title.lang).toBe(lng);
    const [stored] = await t.handle.query<{ text: string }>(`select text from translation where entity = 'activity' and entity_id = $1 and field = 'title' and language = $2`, [keramikk.id, lng]);
    expect(hit.texts.title.text).toBe(stored.text);
  });

  test('without a translation in the reader’s language the title falls back to bokmål, marked nb', async () => {
    const response = await searchLoader({ request: request(`/aktiviteter?q=ceramika&lng=ti`), params: {}, context: {} });
    const data = (await response.json()) as { hits: { id: number; texts: { title: { text: string; lang: string } } }[] };
    expect(data.hits.find((h) => h.id === keramikk.id)!.texts.title).toMatchObject({ text: 'Keramikk', lang: 'nb' });
  });

  test('Arabic letter variants and vowel marks meet: "مدرسه", "مَدْرَسَة" and "المدرسة" find "مدرسة كرة القدم"', async () => {
    for (const word of ['مدرسة', 'مدرسه', 'مَدْرَسَة', 'المدرسة', 'مـدرسـة']) expect(await ids(word), word).toContain(fotballskole);
  });

  test('a translation saved by the club is searchable at once, and gone when it is emptied', async () => {
    const club = await userWithRole('club_admin', { organisationId: keramikk.orgId });
    const path = `/klubb/${keramikk.orgId}/aktiviteter/${keramikk.id}/oversettelse`;
    const params = { orgId: String(keramikk.orgId), activityId: String(keramikk.id) };
    const save = (title: string) =>
      translationAction({ request: request(path, { ...form({ language: 'ti', title, description: 'ብጭቃ ኣቕሓ ንሰርሕ።' }), cookie: club.cookie }), params, context: {} });
    expect(await ids('ሸክላ')).not.toContain(keramikk.id);
    expect((await save('ስራሕ ሸክላ ንቖልዑ')).status).toBe(302);
    expect(await ids('ሸክላ')).toContain(keramikk.id);
    expect(await ids('ብጭቃ')).toContain(keramikk.id);
    expect((await save('')).status).toBe(302);
    expect(await ids('ሸክላ')).not.toContain(keramikk.id);
    // The description stays, and stays searchable.
    expect(await ids('ብጭቃ')).toContain(keramikk.id);
  });
});
