/**
 * One folding for every search text, used when indexing and when querying alike (the trigram columns,
 * the per-language index of club translations, the category words), so both sides always meet:
 * - lower case without Norwegian letters or accents ("Håndball" → "handball"), so a search typed on a
 *   keyboard without æ, ø and å still meets the text;
 * - Arabic-script text (ar, ur) has no stemmer in PostgreSQL, and people type the same word with
 *   different letters: hamza forms of alef, alef maqsura, taa marbuta, the Arabic and the Urdu kaf, yeh
 *   and heh are written one way; vowel marks (tashkeel), the tatweel and the Arabic definite article
 *   are dropped ("المَدْرَسَة" → "مدرسه").
 */
export function foldForSearch(text: string) {
  return foldArabicScript(
    text
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, ''),
  );
}

// Letter variants, each mapped to the form most keyboards give.
const arabicLetters: [RegExp, string][] = [
  [/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627'], // آ أ إ ٱ → ا
  [/[\u0649\u06cc\u06d0\u06d2\u06d3\u064a]/g, '\u064a'], // ى ی ې ے ۓ → ي
  [/\u0626/g, '\u064a'], // ئ → ي
  [/\u0624/g, '\u0648'], // ؤ → و
  [/[\u0629\u06c1\u06c2\u06c3\u06d5\u06be]/g, '\u0647'], // ة ہ ۂ ۃ ە ھ → ه
  [/[\u06a9\u06aa]/g, '\u0643'], // ک ڪ → ك
];
// Tashkeel and Quranic marks, superscript alef, tatweel; and the hamza above/below left behind by NFKD.
const arabicMarks = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0654\u0655]/g;
// The definite article (and "lil-") at the start of a word, when a word of two letters or more is left.
const arabicArticle = /(^|[^\p{L}\p{N}])(?:ال|لل)(?=[\u0621-\u064a\u0671-\u06d3]{2})/gu;

function foldArabicScript(text: string) {
  if (!/[\u0600-\u06ff]/.test(text)) return text;
  let out = text.replace(arabicMarks, '');
  for (const [from, to] of arabicLetters) out = out.replace(from, to);
  return out.replace(arabicArticle, '$1');
}

/** The words of a folded text, in order (letters and digits of any script). */
export function searchWords(folded: string) {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}
