import { foldForSearch, searchWords } from './fold';

describe('folding for search', () => {
  test('Norwegian letters and accents become plain a–z, as before', () => {
    expect(foldForSearch('Håndball SVØMMING Kærlighet fútbol')).toBe('handball svomming kaerlighet futbol');
  });

  test.each([
    ['أ', 'ا'],
    ['إ', 'ا'],
    ['آ', 'ا'],
    ['ٱ', 'ا'],
  ])('the alef with hamza or madda %s is written %s', (variant, plain) => {
    expect(foldForSearch(`${variant}مسية`)).toBe(`${plain}مسيه`);
  });

  test('alef maqsura is yeh, taa marbuta is heh', () => {
    expect(foldForSearch('مستشفى')).toBe(foldForSearch('مستشفي'));
    expect(foldForSearch('مدرسة')).toBe('مدرسه');
  });

  test('the Urdu forms of yeh, kaf and heh meet the Arabic ones', () => {
    expect(foldForSearch('کوزہ گری')).toBe(foldForSearch('كوزه گري'));
    expect(foldForSearch('بچے')).toBe(foldForSearch('بچي'));
    expect(foldForSearch('تھیٹر')).toBe(foldForSearch('تهيٹر'));
  });

  test('vowel marks (tashkeel), shadda and the tatweel are dropped', () => {
    expect(foldForSearch('مَدْرَسَةٌ')).toBe('مدرسه');
    expect(foldForSearch('كُرَّة')).toBe('كره');
    expect(foldForSearch('مـــدرســة')).toBe('مدرسه');
    expect(foldForSearch('مثلًا')).toBe('مثلا');
  });

  test('the definite article is dropped, so "تنس" meets "التنس"', () => {
    expect(foldForSearch('التنس')).toBe(foldForSearch('تنس'));
    expect(foldForSearch('نادي التنس')).toBe('نادي تنس');
    expect(foldForSearch('للأطفال')).toBe('اطفال');
    // A short word that only looks like it keeps its letters.
    expect(foldForSearch('الم')).toBe('الم');
  });

  test('presentation forms (as some keyboards and PDFs give them) fold to the letters', () => {
    expect(foldForSearch('\ufedb\ufead\ufe93')).toBe('كره');
  });

  test('Cyrillic, Polish, Ethiopic and Somali keep their letters, lower-cased', () => {
    expect(foldForSearch('Кераміка')).toBe('кераміка');
    expect(foldForSearch('Piłka Nożna')).toBe('piłka nozna');
    expect(foldForSearch('ኩዕሶ እግሪ')).toBe('ኩዕሶ እግሪ');
    expect(foldForSearch('Kubadda Cagta')).toBe('kubadda cagta');
  });

  test('the words of a folded text, in any script', () => {
    expect(searchWords(foldForSearch('Fotball, kubadda-cagta; كرة القدم!'))).toEqual(['fotball', 'kubadda', 'cagta', 'كره', 'قدم']);
  });
});
