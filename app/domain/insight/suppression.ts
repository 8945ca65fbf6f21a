// Small counts of children (issue 14, part 6; docs/decisions/027): every table of sign-ups, referrals
// and outcomes on the kommune dashboard and in its CSV goes through suppressTable(), and nothing else
// decides what is shown.
//
// The rule. Take the table with its row totals, column totals and grand total as one (R+1)×(C+1) grid.
// 1. Primary: every cell of the grid (a total too) below MIN_COUNT is hidden, zeros included.
// 2. Complementary: the grid's rows and columns are equations (the cells add up to the total). A hidden
//    cell can be worked out exactly when it is the only hidden one in such an equation, and more
//    generally when it is a "bridge" in the graph whose nodes are the grid's rows and columns and whose
//    edges are the hidden cells (summing the equations on one side of a bridge leaves that cell alone).
//    So more cells are hidden until every hidden cell lies on a cycle: each row and column with a hidden
//    cell then has at least two, and no combination of visible figures gives one hidden cell back.
// 3. An equation whose hidden cells add up to 0 would tell that they all are 0: one more is hidden there.
// The smallest visible cells are taken as the complementary ones, interior cells before totals.

export const MIN_COUNT = 5;

export type SuppressedTable = {
  /** Interior cells, null where hidden. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
};

type Grid = { value: number[][]; hidden: boolean[][]; rows: number; cols: number };

function grid(counts: number[][]): Grid {
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  const value = Array.from({ length: r + 1 }, () => new Array<number>(c + 1).fill(0));
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const v = counts[i][j];
      value[i][j] = v;
      value[i][c] += v;
      value[r][j] += v;
      value[r][c] += v;
    }
  }
  return { value, hidden: value.map((row) => row.map(() => false)), rows: r + 1, cols: c + 1 };
}

const isTotal = (g: Grid, i: number, j: number) => i === g.rows - 1 || j === g.cols - 1;

/** The cheapest visible cell among `candidates` to hide: the smallest value, interior before totals. */
function cheapest(g: Grid, candidates: [number, number][]) {
  let best: [number, number] | null = null;
  for (const [i, j] of candidates) {
    if (g.hidden[i][j]) continue;
    if (!best) best = [i, j];
    else {
      const [bi, bj] = best;
      const key = (a: number, b: number) => [isTotal(g, a, b) ? 1 : 0, g.value[a][b]];
      const [t1, v1] = key(i, j);
      const [t2, v2] = key(bi, bj);
      if (t1 < t2 || (t1 === t2 && v1 < v2)) best = [i, j];
    }
  }
  return best;
}

/** The hidden cells that are bridges of the row/column graph (Tarjan, iterative enough for dashboard sizes). */
function bridges(g: Grid): [number, number][] {
  // Nodes: rows 0..rows-1, columns rows..rows+cols-1. Edges: hidden cells.
  const n = g.rows + g.cols;
  const adj: { to: number; edge: number }[][] = Array.from({ length: n }, () => []);
  const edges: [number, number][] = [];
  for (let i = 0; i < g.rows; i++) {
    for (let j = 0; j < g.cols; j++) {
      if (!g.hidden[i][j]) continue;
      const e = edges.push([i, j]) - 1;
      adj[i].push({ to: g.rows + j, edge: e });
      adj[g.rows + j].push({ to: i, edge: e });
    }
  }
  const disc = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const found: [number, number][] = [];
  let time = 0;
  const visit = (u: number, parentEdge: number) => {
    disc[u] = low[u] = time++;
    for (const { to, edge } of adj[u]) {
      if (edge === parentEdge) continue;
      if (disc[to] === -1) {
        visit(to, edge);
        low[u] = Math.min(low[u], low[to]);
        if (low[to] > disc[u]) found.push(edges[edge]);
      } else low[u] = Math.min(low[u], disc[to]);
    }
  };
  for (let u = 0; u < n; u++) if (disc[u] === -1) visit(u, -1);
  return found;
}

/** The nodes reachable from `start` over hidden cells without crossing cell (bi, bj). */
function sideOf(g: Grid, start: number, bi: number, bj: number) {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length) {
    const u = stack.pop()!;
    const neighbours: number[] = [];
    if (u < g.rows) {
      for (let j = 0; j < g.cols; j++) if (g.hidden[u][j] && !(u === bi && j === bj)) neighbours.push(g.rows + j);
    } else {
      const j = u - g.rows;
      for (let i = 0; i < g.rows; i++) if (g.hidden[i][j] && !(i === bi && j === bj)) neighbours.push(i);
    }
    for (const v of neighbours) if (!seen.has(v)) (seen.add(v), stack.push(v));
  }
  return seen;
}

/** Hides what one bridge needs to lie on a cycle: one cell across its two sides, else a rectangle. */
function closeBridge(g: Grid, bi: number, bj: number) {
  const a = sideOf(g, bi, bi, bj);
  const b = sideOf(g, g.rows + bj, bi, bj);
  const across: [number, number][] = [];
  for (let i = 0; i < g.rows; i++) {
    for (let j = 0; j < g.cols; j++) {
      if (i === bi && j === bj) continue;
      const ci = g.rows + j;
      if ((a.has(i) && b.has(ci)) || (b.has(i) && a.has(ci))) across.push([i, j]);
    }
  }
  const one = cheapest(g, across);
  if (one) {
    g.hidden[one[0]][one[1]] = true;
    return;
  }
  // Both sides are a single row and a single column: a rectangle through another row and column.
  let best: { i: number; j: number; cost: number } | null = null;
  for (let i = 0; i < g.rows; i++) {
    for (let j = 0; j < g.cols; j++) {
      if (i === bi || j === bj) continue;
      const cells: [number, number][] = [[bi, j], [i, bj], [i, j]];
      const cost = cells.reduce((sum, [x, y]) => sum + (g.hidden[x][y] ? 0 : g.value[x][y] + (isTotal(g, x, y) ? 1e6 : 0)), 0);
      if (!best || cost < best.cost) best = { i, j, cost };
    }
  }
  if (best) for (const [x, y] of [[bi, best.j], [best.i, bj], [best.i, best.j]] as const) g.hidden[x][y] = true;
}

/** Rows and columns of the grid whose hidden cells add up to 0 (which would give them all away). */
function zeroSumLine(g: Grid): [number, number][] | null {
  const lines: [number, number][][] = [];
  for (let i = 0; i < g.rows; i++) lines.push(Array.from({ length: g.cols }, (_, j) => [i, j] as [number, number]));
  for (let j = 0; j < g.cols; j++) lines.push(Array.from({ length: g.rows }, (_, i) => [i, j] as [number, number]));
  for (const line of lines) {
    const hidden = line.filter(([i, j]) => g.hidden[i][j]);
    const visible = line.filter(([i, j]) => !g.hidden[i][j]);
    if (hidden.length && visible.length && hidden.every(([i, j]) => g.value[i][j] === 0)) return visible;
  }
  return null;
}

/** The one suppression for every table of counts of children. `counts` is rows × columns, whole numbers ≥ 0. */
export function suppressTable(counts: number[][], min = MIN_COUNT): SuppressedTable {
  const g = grid(counts);
  if (!counts.length || !counts[0]?.length) return { cells: counts.map(() => []), rowTotals: counts.map(() => null), colTotals: [], total: counts.length ? null : 0 };
  for (let i = 0; i < g.rows; i++) for (let j = 0; j < g.cols; j++) if (g.value[i][j] < min) g.hidden[i][j] = true;
  // Each round hides at least one more cell, so this ends (at worst with everything hidden).
  for (;;) {
    const zero = zeroSumLine(g);
    if (zero) {
      const pick = cheapest(g, zero.filter(([i, j]) => g.value[i][j] > 0)) ?? cheapest(g, zero);
      if (pick) g.hidden[pick[0]][pick[1]] = true;
      continue;
    }
    const [bridge] = bridges(g);
    if (!bridge) break;
    closeBridge(g, bridge[0], bridge[1]);
  }
  const r = g.rows - 1;
  const c = g.cols - 1;
  const show = (i: number, j: number) => (g.hidden[i][j] ? null : g.value[i][j]);
  return {
    cells: Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => show(i, j))),
    rowTotals: Array.from({ length: r }, (_, i) => show(i, c)),
    colTotals: Array.from({ length: c }, (_, j) => show(r, j)),
    total: show(r, c),
  };
}

/** A figure derived from children (a median waiting time): shown only when its base count reaches MIN_COUNT. */
export const derivedFigure = <T>(value: T, base: number, min = MIN_COUNT): T | null => (base >= min ? value : null);
