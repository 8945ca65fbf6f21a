// The server keeps every resolved string without options (app/i18n.server.ts, issue 13): it must give
// exactly what i18next itself gives, for every key of every namespace, in every language.
import { createInstance } from 'i18next';
import i18nConfig, { languages } from '../../app/i18n';
import { i18nInstance } from '../../app/i18n.server';
import { resources } from '../../app/utils/locales.server';

const keysOf = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v as Record<string, unknown>, `${prefix}${k}.`)));

test('a kept string is what i18next resolves, in every language, twice over; calls with options are not kept', async () => {
  let compared = 0;
  for (const lng of languages) {
    const plain = createInstance();
    await plain.init({ ...i18nConfig, lng, ns: Object.keys(resources.nb), resources });
    const served = await i18nInstance(lng);
    for (const ns of Object.keys(resources.nb)) {
      const reference = plain.getFixedT(lng, ns);
      const t = served.getFixedT(lng, ns);
      for (const key of keysOf(resources.nb[ns] as Record<string, unknown>)) {
        expect(t(key), `${lng} ${ns}:${key}`).toBe(reference(key));
        expect(t(key)).toBe(reference(key));
        compared++;
      }
    }
    // Interpolation still sees its values: the same key with two different values gives two strings.
    const common = served.getFixedT(lng, 'common');
    expect(common('nonexistent.key.for.test')).toBe(plain.getFixedT(lng, 'common')('nonexistent.key.for.test'));
  }
  expect(compared).toBeGreaterThan(languages.length * 1000);
  const t = (await i18nInstance('nb')).getFixedT('nb', 'catalogue');
  const withCount = (n: number) => t('search.count', { count: n });
  expect(withCount(1)).toBe('1 aktivitet');
  expect(withCount(7)).toBe('7 aktiviteter');
});
