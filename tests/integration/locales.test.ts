import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { languages } from '../../app/i18n';

// The same rules as ../shared/tools/check-locales.mjs, so `npm test` fails on an incomplete language.
const dir = path.resolve('locales');
const flatten = (obj: Record<string, unknown>, prefix = ''): [string, string][] =>
  Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]],
  );
const load = (lng: string) => {
  const out = new Map<string, string>();
  for (const f of readdirSync(path.join(dir, lng)).filter((f) => f.endsWith('.json'))) {
    for (const [k, v] of flatten(JSON.parse(readFileSync(path.join(dir, lng, f), 'utf8')))) out.set(`${f.replace(/\.json$/, '')}:${k}`, v);
  }
  return out;
};
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const vars = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

const source = load('nb');

describe.each(languages.filter((l) => l !== 'nb'))('locale %s', (lng) => {
  const target = load(lng);
  test('has every key that bokmål has, none empty', () => {
    const have = new Set([...target.keys()].map(base));
    const missing = [...new Set([...source.keys()].map(base))].filter((k) => !have.has(k));
    expect(missing).toEqual([]);
    expect([...target.entries()].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });
  test('keeps every interpolation variable', () => {
    const differ = [...source.entries()].filter(([k, v]) => target.has(k) && vars(v) !== vars(target.get(k)!)).map(([k]) => k);
    expect(differ).toEqual([]);
  });
});

test('every language of the app has a locale folder', () => {
  expect(readdirSync(dir).filter((d) => !d.includes('.')).sort()).toEqual([...languages].sort());
});
