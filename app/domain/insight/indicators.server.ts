import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { insightAnswers, insightIndicators } from '../../../db/schema/insight';
import { db } from '../../utils/db.server';
import { fieldErrors, type FieldErrors } from '../../utils/forms.server';
import { inTransaction } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { schemeInForce } from '../support/schemes.server';
import type { Offer } from './offer.server';

// The ALLEMED indicators (NDFU's ALLEMED work, issue 14, part 6): answered from the portal's own data
// where it can, and by the kommune admin with a small form where it cannot (or to add what the data
// does not know). Both are shown side by side; neither overrides the other.

export { insightIndicators, insightAnswers };
export type Indicator = (typeof insightIndicators)[number];
export type DataAnswer = { answer: 'yes' | 'partly' | 'no'; key: string; values: Record<string, number> };

/** Share of published activities confirmed this season from which the overview counts as up to date. */
const UP_TO_DATE_SHARE = 0.8;

/** What the data says for each indicator, with the figure behind it. */
export async function indicatorsFromData(kommuneId: number, offer: Offer): Promise<Record<Indicator, DataAnswer>> {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const [schemes, lenders, guides] = await Promise.all([
    n(db().select({ n: count() }).from(s.supportScheme).where(and(eq(s.supportScheme.kommuneId, kommuneId), schemeInForce()))),
    n(db().select({ n: count() }).from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, kommuneId))),
    n(db().select({ n: count() }).from(s.guide).where(and(eq(s.guide.kommuneId, kommuneId), eq(s.guide.active, true)))),
  ]);
  const total = offer.total.activities;
  const share = (k: number) => (total ? k / total : 0);
  const confirmedShare = share(offer.total.confirmed);
  const adaptedShare = share(offer.total.adapted);
  return {
    support_schemes: { answer: schemes ? 'yes' : 'no', key: 'insight:indicators.data.support_schemes', values: { n: schemes } },
    adapted: { answer: adaptedShare >= 0.5 ? 'yes' : offer.total.adapted ? 'partly' : 'no', key: 'insight:indicators.data.adapted', values: { n: offer.total.adapted, total } },
    overview: {
      answer: total && confirmedShare >= UP_TO_DATE_SHARE ? 'yes' : total ? 'partly' : 'no',
      key: 'insight:indicators.data.overview',
      values: { n: offer.total.confirmed, total, percent: Math.round(confirmedShare * 100) },
    },
    equipment: { answer: lenders ? 'yes' : offer.total.lendable ? 'partly' : 'no', key: 'insight:indicators.data.equipment', values: { n: lenders, lendable: offer.total.lendable } },
    guide_scheme: { answer: guides ? 'yes' : 'no', key: 'insight:indicators.data.guide_scheme', values: { n: guides } },
  };
}

export async function indicatorAnswers(kommuneId: number) {
  const rows = await db().select().from(s.insightAnswer).where(eq(s.insightAnswer.kommuneId, kommuneId));
  return Object.fromEntries(rows.map((r) => [r.indicator, { answer: r.answer, note: r.note ?? '', answeredAt: r.answeredAt.toISOString() }])) as Partial<
    Record<Indicator, { answer: (typeof insightAnswers)[number]; note: string; answeredAt: string }>
  >;
}

// One select and one note per indicator; "" for a select means "not answered" (the answer is removed).
const answerField = z.enum(['', ...insightAnswers], 'insight:errors.answer');
const noteField = z.string().trim().max(300, 'tooLong');
export const indicatorInput = z.object(
  Object.fromEntries(insightIndicators.flatMap((i) => [[`${i}.answer`, answerField.default('')], [`${i}.note`, noteField.default('')]])) as Record<string, typeof answerField | typeof noteField>,
);

/** Saves the admin's answers, all or nothing, and audits which indicators changed (never the notes' text). */
export async function saveIndicatorAnswers(kommuneId: number, values: Record<string, string>, actorUserId: string): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const parsed = indicatorInput.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const data = parsed.data as Record<string, string>;
  await inTransaction(undefined, async (tx) => {
    const answered: Record<string, string> = {};
    for (const indicator of insightIndicators) {
      const answer = data[`${indicator}.answer`] as (typeof insightAnswers)[number] | '';
      const note = data[`${indicator}.note`] || null;
      if (!answer) {
        await tx.delete(s.insightAnswer).where(and(eq(s.insightAnswer.kommuneId, kommuneId), eq(s.insightAnswer.indicator, indicator)));
        continue;
      }
      answered[indicator] = answer;
      await tx
        .insert(s.insightAnswer)
        .values({ kommuneId, indicator, answer, note, answeredByUserId: actorUserId })
        .onConflictDoUpdate({ target: [s.insightAnswer.kommuneId, s.insightAnswer.indicator], set: { answer, note, answeredAt: sql`now()`, answeredByUserId: actorUserId } });
    }
    await audit({ actorUserId, action: 'insight.indicators_answered', entity: 'kommune', entityId: String(kommuneId), detail: { answered } }, tx);
  });
  return { ok: true };
}
