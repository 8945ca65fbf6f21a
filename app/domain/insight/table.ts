import { suppressTable, type SuppressedTable } from './suppression';

// One shape for every table of the dashboard, drawn by the page (app/components/insight.tsx) and
// written by the CSV (csv.ts) from the same object, so both show exactly the same cells.

/** A row or column heading: a translation key (with values), or a name as the kommune wrote it (bokmål). */
export type Label = { key: string; values?: Record<string, string | number> } | { text: string; nb?: boolean };

export type TableModel = {
  id: string;
  /** Translation key of the table's caption. */
  caption: string;
  /** Translation key of the first column's heading. */
  rowHeading: string;
  rows: Label[];
  cols: Label[];
  /** null: hidden (too few children, see suppression.ts). */
  cells: (number | null)[][];
  rowTotals: (number | null)[] | null;
  colTotals: (number | null)[] | null;
  total: number | null;
  /** Whether the table counts children (and so went through suppressTable). */
  suppressed: boolean;
};

type Parts = Pick<TableModel, 'id' | 'caption' | 'rowHeading' | 'rows' | 'cols'>;

/** A table of counts of children: every figure through the one suppression rule. */
export function childTable(parts: Parts, counts: number[][]): TableModel {
  const s: SuppressedTable = suppressTable(counts);
  return { ...parts, cells: s.cells, rowTotals: s.rowTotals, colTotals: s.colTotals, total: s.total, suppressed: true };
}

/** A table of counts of activities or searches (not children): shown as counted, with totals. */
export function plainTable(parts: Parts, counts: number[][], totals = true): TableModel {
  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = parts.cols.map((_, j) => counts.reduce((a, r) => a + (r[j] ?? 0), 0));
  return {
    ...parts,
    cells: counts,
    rowTotals: totals ? rowTotals : null,
    colTotals: totals ? colTotals : null,
    total: totals ? rowTotals.reduce((a, b) => a + b, 0) : null,
    suppressed: false,
  };
}

/** A table of figures derived from children (a median), each already null where its base was too small. */
export function derivedTable(parts: Parts, values: (number | null)[][]): TableModel {
  return { ...parts, cells: values, rowTotals: null, colTotals: null, total: null, suppressed: true };
}
