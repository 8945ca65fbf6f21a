import type { Label, TableModel } from './table';

// The dashboard as CSV (/kommune/<slug>/innsikt.csv?del=…): one line per figure, in long form
// (table; row; column; value), built from the same TableModel objects the page draws, so a hidden cell is
// hidden here too. A hidden figure is written ":" (as Statistics Norway marks figures it may not
// publish), never as a number or a blank a spreadsheet would add up as 0.

export const HIDDEN = ':';

type T = (key: string, values?: Record<string, unknown>) => string;

export const labelText = (l: Label, t: T) => ('key' in l ? t(l.key, l.values) : l.text);

function cell(value: string | number) {
  const s = String(value);
  // Quoted; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The lines of one table, totals included (the total row and column are labelled "Total"). */
export function tableCsvRows(table: TableModel, t: T): string[][] {
  const caption = t(table.caption);
  const total = t('insight:table.total');
  const shown = (v: number | null) => (v === null ? HIDDEN : String(v));
  const out: string[][] = [];
  table.rows.forEach((r, i) => {
    table.cols.forEach((c, j) => out.push([caption, labelText(r, t), labelText(c, t), shown(table.cells[i][j])]));
    if (table.rowTotals) out.push([caption, labelText(r, t), total, shown(table.rowTotals[i])]);
  });
  if (table.colTotals) table.cols.forEach((c, j) => out.push([caption, total, labelText(c, t), shown(table.colTotals![j])]));
  if (table.colTotals && table.rowTotals) out.push([caption, total, total, shown(table.total)]);
  return out;
}

/** The CSV file: a heading line, then every table's lines; CRLF line ends, as spreadsheets expect. */
export function tablesCsv(tables: TableModel[], t: T) {
  const head = [t('insight:csv.table'), t('insight:csv.row'), t('insight:csv.column'), t('insight:csv.value')];
  const lines = [head, ...tables.flatMap((x) => tableCsvRows(x, t))].map((l) => l.map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}
