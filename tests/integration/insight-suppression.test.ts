import fc from 'fast-check';
import { HIDDEN, tableCsvRows, tablesCsv } from '../../app/domain/insight/csv';
import { MIN_COUNT, suppressTable, type SuppressedTable } from '../../app/domain/insight/suppression';
import { childTable } from '../../app/domain/insight/table';

// Issue 14, part 6, "small counts": over random tables of counts, after suppressTable no figure below
// five can be seen, and no hidden figure can be worked out exactly from what is shown (the cells and the
// row, column and grand totals), and the CSV shows exactly what the table shows.

/** The grid with its totals: (R+1)×(C+1), null where hidden. */
function shownGrid(s: SuppressedTable) {
  return [...s.cells.map((row, i) => [...row, s.rowTotals[i]]), [...s.colTotals, s.total]];
}
function trueGrid(counts: number[][]) {
  const r = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const cols = r[0].map((_, j) => r.reduce((a, row) => a + row[j], 0));
  return [...r, cols];
}

const P = 1_000_003;
const mod = (a: number) => ((a % P) + P) % P;
function inverse(a: number) {
  let [t, newT, r, newR] = [0, 1, P, mod(a)];
  while (newR) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}
/** Rank over GF(P); the constraint matrices of a table are totally unimodular, so this is their rank over the rationals. */
function rank(rows: number[][]) {
  const m = rows.map((r) => r.map(mod));
  let rk = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < m.length; c++) {
    const p = m.findIndex((r, i) => i >= rk && r[c] !== 0);
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p], m[rk]];
    const inv = inverse(m[rk][c]);
    m[rk] = m[rk].map((v) => Number((BigInt(v) * BigInt(inv)) % BigInt(P)));
    for (let i = 0; i < m.length; i++) {
      if (i === rk || m[i][c] === 0) continue;
      const f = m[i][c];
      m[i] = m[i].map((v, j) => mod(v - Number((BigInt(f) * BigInt(m[rk][j])) % BigInt(P))));
    }
    rk++;
  }
  return rk;
}

/**
 * The hidden cells that the visible figures determine exactly: each row and column of the grid is an
 * equation (cells add up to the total); a hidden cell is determined when its unit vector lies in the
 * span of those equations restricted to the hidden cells.
 */
function recoverable(shown: (number | null)[][]) {
  const R = shown.length;
  const C = shown[0].length;
  const hidden: [number, number][] = [];
  shown.forEach((row, i) => row.forEach((v, j) => v === null && hidden.push([i, j])));
  const sign = (i: number, j: number) => (i === R - 1) !== (j === C - 1) ? -1 : 1;
  const eqs: number[][] = [];
  for (let i = 0; i < R; i++) eqs.push(hidden.map(([a, b]) => (a === i ? sign(a, b) : 0)));
  for (let j = 0; j < C; j++) eqs.push(hidden.map(([a, b]) => (b === j ? sign(a, b) : 0)));
  const base = rank(eqs);
  return hidden.filter((_, k) => rank([...eqs, hidden.map((__, x) => (x === k ? 1 : 0))]) === base);
}

// Mostly small counts (that is where suppression bites), sometimes large ones.
const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 }));
const table = fc.integer({ min: 1, max: 6 }).chain((c) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: 1, maxLength: 6 }));

function checkSuppressed(counts: number[][], s: SuppressedTable) {
  const shown = shownGrid(s);
  const truth = trueGrid(counts);
  shown.forEach((row, i) =>
    row.forEach((v, j) => {
      // What is shown is the true figure, and never below five.
      if (v === null) return;
      expect(v).toBe(truth[i][j]);
      expect(v).toBeGreaterThanOrEqual(MIN_COUNT);
    }),
  );
  // Every figure below five is hidden.
  truth.forEach((row, i) => row.forEach((v, j) => v < MIN_COUNT && expect(shown[i][j]).toBeNull()));
  // Every row and column with a hidden cell has at least two (a hidden total counts as one).
  const lines = [...shown, ...shown[0].map((_, j) => shown.map((r) => r[j]))];
  for (const line of lines) {
    const n = line.filter((v) => v === null).length;
    expect(n === 0 || n >= 2).toBe(true);
  }
  expect(recoverable(shown)).toEqual([]);
}

test('after suppression no figure below five is visible and no hidden figure can be recovered from the visible cells and totals', () => {
  fc.assert(
    fc.property(table, (counts) => {
      checkSuppressed(counts, suppressTable(counts));
    }),
    { numRuns: 400 },
  );
});

test('a row whose hidden cells add up to 0 gets one more hidden, so the zeros are not given away', () => {
  const s = suppressTable([
    [0, 0, 9],
    [7, 8, 9],
  ]);
  const shown = shownGrid(s);
  // Row 0 hides its two zeros and at least one more figure of the row (a cell or its total).
  expect(shown[0].filter((v) => v === null).length).toBeGreaterThanOrEqual(3);
  checkSuppressed([[0, 0, 9], [7, 8, 9]], s);
});

test('a table with nothing small shows every figure', () => {
  const s = suppressTable([
    [5, 6],
    [7, 8],
  ]);
  expect(s).toEqual({ cells: [[5, 6], [7, 8]], rowTotals: [11, 15], colTotals: [12, 14], total: 26 });
});

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);

/** Parses our CSV (every cell quoted, CRLF). */
function parseCsv(text: string) {
  return text
    .trim()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
}

test('the CSV of a table of children shows exactly the suppressed table: the same figures, ":" where hidden, nothing below five', () => {
  fc.assert(
    fc.property(table, (counts) => {
      const rows = counts.map((_, i) => ({ text: `Område ${i}` }));
      const cols = counts[0].map((_, j) => ({ text: `${j}` }));
      const model = childTable({ id: 'x', caption: 'insight:reach.signupsCaption', rowHeading: 'insight:table.area', rows, cols }, counts);
      const lines = parseCsv(tablesCsv([model], t));
      expect(lines[0]).toEqual(['insight:csv.table', 'insight:csv.row', 'insight:csv.column', 'insight:csv.value']);
      const body = lines.slice(1);
      expect(body).toEqual(tableCsvRows(model, t));
      const s = suppressTable(counts);
      const total = 'insight:table.total';
      const value = (row: string, col: string) => body.find((l) => l[1] === row && l[2] === col)![3];
      const asShown = (v: number | null) => (v === null ? HIDDEN : String(v));
      counts.forEach((r, i) => {
        r.forEach((_, j) => expect(value(`Område ${i}`, `${j}`)).toBe(asShown(s.cells[i][j])));
        expect(value(`Område ${i}`, total)).toBe(asShown(s.rowTotals[i]));
      });
      counts[0].forEach((_, j) => expect(value(total, `${j}`)).toBe(asShown(s.colTotals[j])));
      expect(value(total, total)).toBe(asShown(s.total));
      for (const l of body) if (l[3] !== HIDDEN) expect(Number(l[3])).toBeGreaterThanOrEqual(MIN_COUNT);
      // Read back from the file alone, the hidden figures still cannot be worked out.
      const grid = [...counts.map((r, i) => [...r.map((_, j) => `${j}`), total].map((c) => value(`Område ${i}`, c))), [...counts[0].map((_, j) => `${j}`), total].map((c) => value(total, c))];
      expect(recoverable(grid.map((r) => r.map((v) => (v === HIDDEN ? null : Number(v)))))).toEqual([]);
    }),
    { numRuns: 200 },
  );
});
