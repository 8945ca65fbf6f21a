import { z } from 'zod';
import { languages } from '../../i18n';
import { ageBands, bandLabel } from './bands';
import { tablesCsv } from './csv';
import { medianOfHistogram, milestoneOutcomes, referralCells, type Milestone } from './guide.server';
import { indicatorAnswers, indicatorsFromData, insightIndicators } from './indicators.server';
import { kommuneOffer, offerMeasures, type Offer } from './offer.server';
import { filterKinds, REACH_DAYS, searchReach, signupsByAreaBand } from './reach.server';
import { derivedFigure } from './suppression';
import { childTable, derivedTable, plainTable, type Label, type TableModel } from './table';

// The kommune dashboard of the Fritidserklæringen, /kommune/<slug>/innsikt (issue 14, part 6): the
// offer, families' reach and the fritidsguide part, each as TableModels that the page draws (with a
// chart) and the CSV writes. Every table of children went through suppression.ts.

export const dashboardParts = ['offer', 'reach', 'guide'] as const;
export type DashboardPart = (typeof dashboardParts)[number];
/** At most this many quarters back (two years), so the tables stay readable on a phone. */
const QUARTERS_SHOWN = 8;

const bandCols: Label[] = ageBands.map((b) => ({ text: bandLabel(b) }));

function offerTables(offer: Offer): TableModel[] {
  const areaRows: Label[] = offer.areas.map((a) => ({ text: a.name, nb: true }));
  return [
    plainTable(
      { id: 'offer-area-band', caption: 'insight:offer.areaBandCaption', rowHeading: 'insight:table.area', rows: areaRows, cols: bandCols },
      offer.byAreaBand.map((bands) => bands.map((c) => c.activities)),
      false,
    ),
    plainTable(
      { id: 'offer-measures', caption: 'insight:offer.measuresCaption', rowHeading: 'insight:table.area', rows: [...areaRows, { key: 'insight:table.wholeKommune' }], cols: offerMeasures.map((m) => ({ key: `insight:measure.${m}` })) },
      [...offer.byArea.map((m) => offerMeasures.map((x) => m[x])), offerMeasures.map((x) => offer.total[x])],
      false,
    ),
    plainTable(
      { id: 'offer-category-band', caption: 'insight:offer.categoryCaption', rowHeading: 'insight:table.category', rows: offer.categories.map((c) => ({ key: `catalogue:category.${c}` })), cols: bandCols },
      offer.byCategoryBand,
      false,
    ),
  ];
}

async function reachTables(kommuneId: number, offer: Offer, now: Date) {
  const [search, signups] = await Promise.all([searchReach(kommuneId, now), signupsByAreaBand(kommuneId, offer.areas.map((a) => a.id))]);
  const searches: Label[] = [{ key: 'insight:reach.searches' }];
  const tables = [
    plainTable({ id: 'reach-languages', caption: 'insight:reach.languagesCaption', rowHeading: 'insight:table.language', rows: languages.map((l) => ({ key: `catalogue:languageName.${l}` })), cols: searches }, search.byLanguage.map((n) => [n]), false),
    plainTable({ id: 'reach-filters', caption: 'insight:reach.filtersCaption', rowHeading: 'insight:table.filter', rows: filterKinds.map((f) => ({ key: `insight:filter.${f}` })), cols: searches }, search.byFilter.map((n) => [n]), false),
    plainTable({ id: 'reach-queries', caption: 'insight:reach.queriesCaption', rowHeading: 'insight:table.query', rows: search.queries.map((q) => ({ text: q.query })), cols: searches }, search.queries.map((q) => [q.n]), false),
    childTable({ id: 'reach-signups', caption: 'insight:reach.signupsCaption', rowHeading: 'insight:table.area', rows: offer.areas.map((a) => ({ text: a.name, nb: true })), cols: bandCols }, signups),
  ];
  return { tables, from: search.from };
}

async function guideTables(kommuneId: number, offer: Offer, now: Date) {
  const cells = await referralCells(kommuneId, now);
  const quarters = [...new Set(cells.map((c) => c.quarter))].sort().slice(-QUARTERS_SHOWN);
  const known = new Set(offer.areas.map((a) => a.id));
  // A referral without an area, or of an area since deleted, counts under "area not given".
  const areaOf = (id: number) => (known.has(id) ? id : 0);
  const areaIds = [...offer.areas.map((a) => a.id), ...(cells.some((c) => !known.has(c.areaId)) ? [0] : [])];
  const areaLabel = (id: number): Label => (id === 0 ? { key: 'insight:table.noArea' } : { text: offer.areas.find((a) => a.id === id)!.name, nb: true });
  const rows = areaIds.map(areaLabel);
  const cols: Label[] = quarters.map((q) => ({ text: q }));
  const inView = cells.filter((c) => quarters.includes(c.quarter));
  const referred = areaIds.map((a) => quarters.map((q) => inView.filter((c) => c.measure === 'referred' && areaOf(c.areaId) === a && c.quarter === q).reduce((n, c) => n + c.count, 0)));
  const median = areaIds.map((a) =>
    quarters.map((q) => {
      const h = new Map<number, number>();
      for (const c of inView) if (c.measure === 'wait_days' && areaOf(c.areaId) === a && c.quarter === q) h.set(Number(c.value), (h.get(Number(c.value)) ?? 0) + c.count);
      const base = [...h.values()].reduce((x, y) => x + y, 0);
      const m = medianOfHistogram(h);
      return m === null ? null : derivedFigure(Math.round(m), base);
    }),
  );
  const outcomeTable = (milestone: Milestone) => {
    const pairs = quarters.flatMap((q) => areaIds.map((a) => [q, a] as const)).filter(([q, a]) => inView.some((c) => c.measure === milestone && c.quarter === q && areaOf(c.areaId) === a));
    const counts = pairs.map(([q, a]) => milestoneOutcomes.map((o) => inView.filter((c) => c.measure === milestone && c.quarter === q && areaOf(c.areaId) === a && c.value === o).reduce((n, c) => n + c.count, 0)));
    const pairLabel = ([q, a]: readonly [string, number]): Label => (a === 0 ? { key: 'insight:guide.quarterNoArea', values: { quarter: q } } : { key: 'insight:guide.quarterArea', values: { quarter: q, area: offer.areas.find((x) => x.id === a)!.name } });
    return childTable(
      { id: `guide-${milestone}`, caption: `insight:guide.${milestone}Caption`, rowHeading: 'insight:table.quarterArea', rows: pairs.map(pairLabel), cols: milestoneOutcomes.map((o) => ({ key: `insight:outcome.${o}` })) },
      counts,
    );
  };
  return [
    childTable({ id: 'guide-referred', caption: 'insight:guide.referredCaption', rowHeading: 'insight:table.area', rows, cols }, referred),
    derivedTable({ id: 'guide-wait', caption: 'insight:guide.waitCaption', rowHeading: 'insight:table.area', rows, cols }, median),
    outcomeTable('outcome_3m'),
    outcomeTable('outcome_6m'),
  ];
}

/** Everything the page shows. */
export async function insightDashboard(kommuneId: number, now = new Date()) {
  const offer = await kommuneOffer(kommuneId, now);
  const [reach, guide, fromData, answers] = await Promise.all([reachTables(kommuneId, offer, now), guideTables(kommuneId, offer, now), indicatorsFromData(kommuneId, offer), indicatorAnswers(kommuneId)]);
  return {
    offer: { tables: offerTables(offer), gaps: offer.gaps.map((g) => ({ key: `insight:gaps.${g.measure}`, area: g.area, band: bandLabel(ageBands[g.band]) })), total: offer.total.activities },
    reach: { tables: reach.tables, from: reach.from, days: REACH_DAYS },
    guide: { tables: guide },
    indicators: insightIndicators.map((id) => ({ id, data: fromData[id], answer: answers[id] ?? null })),
  };
}

export const csvPart = z.enum(dashboardParts);

/** One part of the dashboard as CSV, in the reader's language, with the page's suppression. */
export async function insightCsv(kommuneId: number, part: DashboardPart, t: (key: string, values?: Record<string, unknown>) => string, now = new Date()) {
  const offer = await kommuneOffer(kommuneId, now);
  const tables = part === 'offer' ? offerTables(offer) : part === 'reach' ? (await reachTables(kommuneId, offer, now)).tables : await guideTables(kommuneId, offer, now);
  return tablesCsv(tables, t);
}
