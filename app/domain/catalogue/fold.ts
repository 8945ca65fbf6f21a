/**
 * Lower case without Norwegian letters or accents ("Håndball" → "handball"), so a search typed on a
 * keyboard without æ, ø and å still meets the text. Used for the trigram column and the query alike.
 */
export function foldForSearch(text: string) {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}
