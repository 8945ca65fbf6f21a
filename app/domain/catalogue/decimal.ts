// The one number parser of the activity editor. Volunteers type numbers the way they write them:
// "59,9", "1 250,50", "1.250,50", "59.96", or with Arabic-Indic digits ("٥٩٫٩"). A browser's
// type="number" input drops such values silently, so the editor uses text inputs and this parser.

/** A number from what a person typed, or null when it is not one (empty text is null too). */
export function parseDecimal(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  let text = raw
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)) // Arabic-Indic digits
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)) // Extended Arabic-Indic (Urdu)
    .replace(/\u066b/g, ',') // Arabic decimal separator
    .replace(/[\s\u00a0\u202f\u2009'\u066c]/g, '') // group separators: spaces of every width, apostrophe, Arabic thousands
    .replace(/^[\u2212\u2013]/, '-'); // a typographic minus
  if (!/^[+-]?[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  const commas = (text.match(/,/g) ?? []).length;
  const dots = (text.match(/\./g) ?? []).length;
  if (commas && dots) {
    // Both: the one that comes last separates the decimals, the other groups thousands.
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    if ((decimal === ',' ? commas : dots) > 1) return null;
    text = text.split(group).join('').replace(decimal, '.');
  } else if (commas > 1 || dots > 1) {
    // A separator used more than once groups thousands ("1.000.000"); each group then has three digits.
    const sep = commas > 1 ? ',' : '.';
    const [head, ...groups] = text.split(sep);
    if (!groups.every((g) => /^\d{3}$/.test(g)) || !/^[+-]?\d{1,3}$/.test(head)) return null;
    text = [head, ...groups].join('');
  } else text = text.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
