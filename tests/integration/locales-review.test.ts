import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyReview, counts, exportCsv, hashOf, loadLanguage, loadState, parseCsv, renderReadme, toCsv } from '../../locales/review.mjs';

// Issue 11, part 10: native speakers review the drafts through a CSV per language; locales/README.md is
// generated from locales/review-state.json, and a reviewed string whose text changes is a draft again.
const repoLocales = path.resolve(import.meta.dirname, '../../locales');
const script = path.resolve(import.meta.dirname, '../../locales/review.mjs');

describe('locales/README.md', () => {
  test('is what `npm run locales -- readme` writes from the state and the locale files', () => {
    // When this fails: run `npm run locales -- readme` and commit the README with the locale change.
    expect(readFileSync(path.join(repoLocales, 'README.md'), 'utf8')).toBe(renderReadme(repoLocales));
    const table = readFileSync(path.join(repoLocales, 'README.md'), 'utf8');
    for (const c of counts(repoLocales)) if (c.lng !== 'nb') expect(table).toContain(`| ${c.reviewed} | ${c.draft} |`);
  });

  test('every hash in the state has the shape the tool writes, for a language and key that exist', () => {
    const state = loadState(repoLocales) as Record<string, Record<string, string>>;
    for (const [lng, keys] of Object.entries(state)) {
      const strings = loadLanguage(repoLocales, lng);
      for (const [key, hash] of Object.entries(keys)) {
        expect(hash).toMatch(/^[0-9a-f]{16}$/);
        expect(strings.has(key), `${lng} ${key}`).toBe(true);
      }
    }
  });
});

describe('the review round trip (on a copy of locales/)', () => {
  let dir = '';
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'locales-review-')), 'locales');
    cpSync(repoLocales, dir, { recursive: true });
    writeFileSync(path.join(dir, 'review-state.json'), '{}\n');
    writeFileSync(path.join(dir, 'README.md'), renderReadme(dir));
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { env: { ...process.env, LOCALES_DIR: dir }, cwd: path.dirname(dir), encoding: 'utf8' });

  test('export lists every string with its bokmål source and status; ticked rows become reviewed, a changed text is taken in', () => {
    const so = loadLanguage(dir, 'so');
    const nb = loadLanguage(dir, 'nb');
    const rows = parseCsv(exportCsv(dir, 'so'));
    expect(rows[0]).toEqual(['key', 'bokmål (source)', 'text', 'status']);
    expect(rows).toHaveLength(so.size + 1);
    const byKey = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byKey.get('common:appName')).toEqual(['common:appName', nb.get('common:appName'), so.get('common:appName'), 'draft']);
    // A string with a line break and a variable survives the CSV.
    const multiline = [...so].find(([, v]) => v.includes('\n') && v.includes('{{'))!;
    expect(byKey.get(multiline[0])?.[2]).toBe(multiline[1]);

    // The reviewer approves appName as it is, corrects and approves nav.activities, and corrects (without
    // approving) nav.support; a spreadsheet saved it with semicolons and CRLF.
    const edited = rows.map((r) => {
      if (r[0] === 'common:appName') return [r[0], r[1], r[2], 'x'];
      if (r[0] === 'common:nav.activities') return [r[0], r[1], 'Hawlaha (sax)', 'Reviewed'];
      if (r[0] === 'common:nav.support') return [r[0], r[1], 'Taageero (sax)', 'draft'];
      return r;
    });
    const csv = edited.map((r) => r.map((v) => `"${v.replace(/"/g, '""').replace(/\n/g, '\r\n')}"`).join(';')).join('\r\n');
    writeFileSync(path.join(path.dirname(dir), 'so.csv'), csv);
    expect(run('review', 'so', 'so.csv')).toContain('so: 2 marked reviewed, 2 texts changed');

    const after = loadLanguage(dir, 'so');
    expect(after.get('common:nav.activities')).toBe('Hawlaha (sax)');
    expect(after.get('common:nav.support')).toBe('Taageero (sax)');
    expect(after.get(multiline[0])).toBe(multiline[1]);
    const state = loadState(dir) as Record<string, Record<string, string>>;
    expect(state.so).toEqual({ 'common:appName': hashOf(so.get('common:appName')!), 'common:nav.activities': hashOf('Hawlaha (sax)') });
    expect(counts(dir).find((c) => c.lng === 'so')).toMatchObject({ reviewed: 2, draft: so.size - 2 });
    expect(parseCsv(exportCsv(dir, 'so')).find((r) => r[0] === 'common:nav.activities')?.[3]).toBe('reviewed');

    // The README is now stale until it is written again, and then shows the counts.
    expect(() => run('check')).toThrow();
    run('readme');
    expect(run('check')).toContain('up to date');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`| so | Soomaali | **partly reviewed** | 2 | ${so.size - 2} |`);
  });

  test('a reviewed string whose text changes returns to draft, and the README check notices', () => {
    const so = loadLanguage(dir, 'so');
    applyReview(dir, 'so', toCsv([['key', 'bokmål (source)', 'text', 'status'], ['common:appName', '', so.get('common:appName')!, 'reviewed']]));
    run('readme');
    expect(counts(dir).find((c) => c.lng === 'so')?.reviewed).toBe(1);
    // Someone edits the translation by hand (or with setkeys) afterwards.
    const file = path.join(dir, 'so', 'common.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.appName = `${json.appName}!`;
    writeFileSync(file, JSON.stringify(json, null, 2));
    expect(counts(dir).find((c) => c.lng === 'so')?.reviewed).toBe(0);
    expect(parseCsv(exportCsv(dir, 'so')).find((r) => r[0] === 'common:appName')?.[3]).toBe('draft');
    expect(() => run('check')).toThrow();
  });

  test('a changed text that drops a {{variable}} is refused and changes nothing; unknown keys are skipped', () => {
    const key = [...loadLanguage(dir, 'pl')].find(([, v]) => /\{\{\w+\}\}/.test(v))!;
    const result = applyReview(dir, 'pl', toCsv([['key', 'bokmål (source)', 'text', 'status'], [key[0], '', 'bez zmiennej', 'x'], ['common:noSuchKey', '', 'x', 'x']]));
    expect(result.refused).toEqual([key[0]]);
    expect(result.unknown).toEqual(['common:noSuchKey']);
    expect(loadLanguage(dir, 'pl').get(key[0])).toBe(key[1]);
    expect((loadState(dir) as Record<string, Record<string, string>>).pl ?? {}).toEqual({});
  });
});
