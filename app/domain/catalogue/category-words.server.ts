import ar from '../../../locales/ar/catalogue.json';
import en from '../../../locales/en/catalogue.json';
import lt from '../../../locales/lt/catalogue.json';
import nb from '../../../locales/nb/catalogue.json';
import nn from '../../../locales/nn/catalogue.json';
import pl from '../../../locales/pl/catalogue.json';
import se from '../../../locales/se/catalogue.json';
import so from '../../../locales/so/catalogue.json';
import ti from '../../../locales/ti/catalogue.json';
import uk from '../../../locales/uk/catalogue.json';
import ur from '../../../locales/ur/catalogue.json';
import synonyms from './category-synonyms.json';
import { foldForSearch, searchWords } from './fold';
import { categories, type Category } from './taxonomy';

// A query word that names a category in any language ("football", "kubadda cagta", "كرة القدم") makes
// that category an alternative match, whatever language the activity's own text is in. The names come
// from the UI's own labels; common other words live in category-synonyms.json (data, not code).

type Phrase = { words: string[]; category: Category };

function buildPhrases(): Phrase[] {
  const known = new Set<string>(categories);
  const labels = [nb, nn, se, en, pl, lt, uk, ar, so, ti, ur].flatMap((l) => Object.entries(l.category as Record<string, string>));
  const extra = Object.entries(synonyms as Record<string, string[]>).flatMap(([code, words]) => words.map((w) => [code, w] as [string, string]));
  const seen = new Set<string>();
  const phrases: Phrase[] = [];
  for (const [code, text] of [...labels, ...extra]) {
    if (!known.has(code)) continue;
    // A label like "Ski (ku socodka barafka)" counts as its name and its explanation separately.
    for (const part of text.split(/[()]/)) {
      const words = searchWords(foldForSearch(part));
      const key = `${code}:${words.join(' ')}`;
      if (!words.length || seen.has(key)) continue;
      seen.add(key);
      phrases.push({ words, category: code as Category });
    }
  }
  return phrases;
}

let phrases: Phrase[] | undefined;

/**
 * Two words meet when they are equal, when the typed word is the start of a longer one (four letters or
 * more: "fotb", "danc"), or when the typed word is the name with a short ending ("fotballen", "футболу").
 */
export function wordsMeet(typed: string, name: string) {
  if (typed === name) return true;
  if (typed.length >= 4 && name.startsWith(typed)) return true;
  return name.length >= 4 && typed.startsWith(name) && typed.length - name.length <= 3;
}

/** The categories whose name (or a synonym), in any language, appears in the query as whole words. */
export function categoriesNamedIn(q: string): Category[] {
  phrases ??= buildPhrases();
  const typed = searchWords(foldForSearch(q));
  const found = new Set<Category>();
  for (const p of phrases) {
    if (found.has(p.category) || p.words.length > typed.length) continue;
    for (let i = 0; i + p.words.length <= typed.length; i++) {
      if (p.words.every((w, j) => wordsMeet(typed[i + j], w))) {
        found.add(p.category);
        break;
      }
    }
  }
  return categories.filter((c) => found.has(c));
}
