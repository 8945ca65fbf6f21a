#!/usr/bin/env node
// Native speakers review the team's draft translations (issue 11, part 10).
//
//   npm run locales -- export <lng> [file.csv]   one CSV per language: key, bokmål source, current text, status
//   npm run locales -- review <lng> <file.csv>   rows whose status a reviewer set to "reviewed" (or x, ok, yes, ja)
//                                                are marked reviewed; a changed text replaces the translation
//   npm run locales -- readme                    writes locales/README.md: its prose and a table of counts
//   npm run locales -- check                     exit 1 when README.md is not what `readme` would write
//
// What was reviewed lives in locales/review-state.json as {lng: {"ns:key": hash}}, the hash being the first
// 16 hex digits of the SHA-256 of the text the reviewer approved. A string is reviewed only while its text
// still has that hash: anyone who edits a reviewed translation sends it back to draft, without a word.
// Plain Node, no dependencies, so a reviewer's helper can run it on any machine with the repository.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCE = 'nb';
/** Language names as the README shows them (each in its own language). */
const NAMES = {
  nb: 'norsk bokmål', nn: 'norsk nynorsk', se: 'davvisámegiella', en: 'English', pl: 'polski', lt: 'lietuvių',
  uk: 'українська', ar: 'العربية', so: 'Soomaali', ti: 'ትግርኛ', ur: 'اردو',
};
const ORDER = Object.keys(NAMES);
/** What a reviewer may write in the status column to approve a row (any case). */
const TICKS = new Set(['reviewed', 'x', 'ok', 'yes', 'ja', 'y', 'j', '✓', '✔', 'checked', 'godkjent']);

export const hashOf = (text) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
const vars = (s) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

const flatten = (obj, prefix = '') =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]]));

export function languagesIn(dir) {
  const found = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory());
  return [...ORDER.filter((l) => found.includes(l)), ...found.filter((l) => !ORDER.includes(l)).sort()];
}

/** Every string of a language as a Map of "ns:dotted.key" → text, namespaces and keys sorted. */
export function loadLanguage(dir, lng) {
  const out = new Map();
  for (const f of readdirSync(join(dir, lng)).filter((f) => f.endsWith('.json')).sort()) {
    const ns = f.replace(/\.json$/, '');
    for (const [k, v] of flatten(JSON.parse(readFileSync(join(dir, lng, f), 'utf8')))) out.set(`${ns}:${k}`, v);
  }
  return out;
}

const statePath = (dir) => join(dir, 'review-state.json');
export function loadState(dir) {
  return existsSync(statePath(dir)) ? JSON.parse(readFileSync(statePath(dir), 'utf8')) : {};
}
function writeAtomically(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
function saveState(dir, state) {
  const sorted = Object.fromEntries(
    Object.keys(state)
      .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))
      .map((l) => [l, Object.fromEntries(Object.entries(state[l]).sort(([a], [b]) => (a < b ? -1 : 1)))]),
  );
  writeAtomically(statePath(dir), `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Reviewed while the text still hashes to what the reviewer approved. */
export const isReviewed = (state, lng, key, text) => state[lng]?.[key] === hashOf(text);

/** The bokmål text a key translates; a plural form nb does not have (`_few`, `_many`) shows nb's `_other`. */
function sourceFor(src, key) {
  if (src.has(key)) return src.get(key);
  const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
  return src.get(`${base}_other`) ?? src.get(`${base}_one`) ?? '';
}

export function counts(dir) {
  const state = loadState(dir);
  return languagesIn(dir).map((lng) => {
    const strings = loadLanguage(dir, lng);
    const reviewed = lng === SOURCE ? 0 : [...strings].filter(([k, v]) => isReviewed(state, lng, k, v)).length;
    return { lng, total: strings.size, reviewed, draft: lng === SOURCE ? 0 : strings.size - reviewed };
  });
}

// ---- CSV (RFC 4180; a spreadsheet that saves with ";" or tabs is read as well) ----
const cell = (v) => (/[",;\n\r\t]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);
export const toCsv = (rows) => `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

export function parseCsv(text) {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0];
  const sep = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length]).sort((a, b) => b[1] - a[1])[0][0];
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

export const HEADER = ['key', 'bokmål (source)', 'text', 'status'];

export function exportCsv(dir, lng) {
  if (lng === SOURCE) throw new Error(`${SOURCE} is the source; export a translation (${languagesIn(dir).filter((l) => l !== SOURCE).join(', ')})`);
  if (!languagesIn(dir).includes(lng)) throw new Error(`no language ${lng} in ${dir}`);
  const state = loadState(dir);
  const src = loadLanguage(dir, SOURCE);
  const rows = [...loadLanguage(dir, lng)].map(([k, v]) => [k, sourceFor(src, k), v, isReviewed(state, lng, k, v) ? 'reviewed' : 'draft']);
  return toCsv([HEADER, ...rows]);
}

function setKey(dir, lng, key, text) {
  const [ns, dotted] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const path = join(dir, lng, `${ns}.json`);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  const parts = dotted.split('.');
  let o = data;
  for (const p of parts.slice(0, -1)) o = o[p];
  o[parts.at(-1)] = text;
  writeAtomically(path, `${JSON.stringify(data, null, 2)}\n`);
}

/**
 * Applies a reviewer's CSV: a changed text replaces the translation (it must keep the same {{variables}});
 * a ticked row is recorded as reviewed with the hash of its (new) text. Returns what happened per row.
 */
export function applyReview(dir, lng, csvText) {
  if (lng === SOURCE || !languagesIn(dir).includes(lng)) throw new Error(`no translation ${lng} in ${dir}`);
  const [header, ...rows] = parseCsv(csvText);
  if (!header || header[0].trim().toLowerCase() !== 'key' || header.length < 4) throw new Error(`the first row must be the header: ${HEADER.join(',')}`);
  const strings = loadLanguage(dir, lng);
  const state = loadState(dir);
  state[lng] ??= {};
  const result = { reviewed: [], changed: [], unknown: [], refused: [], unchanged: 0 };
  for (const [rawKey, , rawText = '', rawStatus = ''] of rows) {
    const key = rawKey.trim();
    if (!strings.has(key)) {
      result.unknown.push(key);
      continue;
    }
    const current = strings.get(key);
    // Spreadsheets turn the line breaks some strings hold into \r\n.
    const text = rawText.replace(/\r\n/g, '\n');
    const ticked = TICKS.has(rawStatus.trim().toLowerCase());
    if (text !== current) {
      if (text.trim() === '' || vars(text) !== vars(current)) {
        result.refused.push(key);
        continue;
      }
      setKey(dir, lng, key, text);
      result.changed.push(key);
    }
    if (ticked) {
      state[lng][key] = hashOf(text);
      result.reviewed.push(key);
    } else if (text === current) result.unchanged++;
  }
  saveState(dir, state);
  return result;
}

// ---- README ----
const PROSE_BEFORE = `# Locales

One folder per language, one JSON file per namespace; bokmål (\`nb\`) is the source. \`npm test\` fails when
a language misses a key that bokmål has or drops an \`{{interpolation}}\` variable
(\`node ../shared/tools/check-locales.mjs locales nb\` does the same check).

<!-- The table below is written by \`npm run locales -- readme\` from locales/review-state.json; do not edit it by hand. -->
`;
const PROSE_AFTER = `Northern Sámi (se) needs review most: several
terms (e.g. for consent, referral, settlement) were coined for this project. Terms kept in Norwegian in
brackets, such as (fritidsguide) and (dugnad), are on purpose: families hear these words locally.
The consent page's privacy contact and rights, the consent receipt, the kommune's privacy contact form and the guide's
note hint (\`referral:consent.privacy.*\`, \`referral:consent.receipt.*\`, \`referral:privacyContact.*\`,
\`referral:guide.noteHint\`; issue 9) are **drafts** in all ten languages and need a reader who knows the local legal terms
(data controller, data protection officer); Datatilsynet keeps its Norwegian name everywhere.
The page shown while the database is away (\`common:error.unavailable.*\`; issue 10) is a **draft** in all ten
languages.

## Reviewing a language

A string counts as reviewed only while its text is the one a native speaker approved (\`review-state.json\`
keeps a hash of it); whoever changes a reviewed translation sends it back to draft.

1. \`npm run locales -- export so review-so.csv\` writes every Somali string with its bokmål source, its
   current text and its status (\`draft\` or \`reviewed\`). Open it in a spreadsheet.
2. The reviewer corrects the text where needed (keeping \`{{words}}\` in double braces as they are) and writes
   \`reviewed\` (or \`x\`) in the status column of each row they approve.
3. \`npm run locales -- review so review-so.csv\` takes the corrections and the approvals in, then
   \`npm run locales -- readme\` updates the table above. Commit the locale files, \`review-state.json\` and
   this README together; the test suite fails when the table is out of date.
`;

function statusWord(c) {
  if (c.lng === SOURCE) return 'source, written by the team';
  if (c.reviewed === 0) return '**draft** (written by the team, needs review by a native speaker)';
  if (c.reviewed === c.total) return 'reviewed';
  return '**partly reviewed**';
}

export function renderReadme(dir) {
  const all = counts(dir);
  const lines = ['| code | language | status | reviewed | draft |', '|---|---|---|---|---|'];
  for (const c of all) lines.push(`| ${c.lng} | ${NAMES[c.lng] ?? c.lng} | ${statusWord(c)} | ${c.lng === SOURCE ? '–' : c.reviewed} | ${c.lng === SOURCE ? '–' : c.draft} |`);
  const anyReviewed = all.some((c) => c.reviewed > 0);
  const lead = anyReviewed ? 'Strings not yet reviewed are drafts.' : 'No translation has been reviewed by a native speaker yet.';
  return `${PROSE_BEFORE}\n${lines.join('\n')}\n\n${lead} ${PROSE_AFTER}`;
}

export const readmePath = (dir) => join(dir, 'README.md');

function main(argv) {
  const dir = process.env.LOCALES_DIR ?? fileURLToPath(new URL('.', import.meta.url));
  const [command, lng, file] = argv;
  if (command === 'export' && lng) {
    const csv = exportCsv(dir, lng);
    const out = file ?? `review-${lng}.csv`;
    writeFileSync(out, csv);
    const c = counts(dir).find((x) => x.lng === lng);
    console.log(`${out}: ${c.total} strings of ${lng}, ${c.reviewed} reviewed, ${c.draft} draft`);
  } else if (command === 'review' && lng && file) {
    const r = applyReview(dir, lng, readFileSync(file, 'utf8'));
    console.log(`${lng}: ${r.reviewed.length} marked reviewed, ${r.changed.length} texts changed, ${r.unchanged} left as draft`);
    if (r.refused.length) console.log(`refused (empty, or {{variables}} differ from the current text): ${r.refused.join(' ')}`);
    if (r.unknown.length) console.log(`unknown keys, skipped: ${r.unknown.join(' ')}`);
    console.log('next: npm run locales -- readme');
  } else if (command === 'readme') {
    writeFileSync(readmePath(dir), renderReadme(dir));
    console.log(counts(dir).map((c) => `${c.lng} ${c.reviewed}/${c.total}`).join(', '));
  } else if (command === 'check') {
    if (readFileSync(readmePath(dir), 'utf8') !== renderReadme(dir)) {
      console.error('locales/README.md is out of date: run npm run locales -- readme');
      process.exit(1);
    }
    console.log('locales/README.md is up to date');
  } else {
    console.error('usage: npm run locales -- export <lng> [file.csv] | review <lng> <file.csv> | readme | check');
    process.exit(2);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
