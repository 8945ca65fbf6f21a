import { osloDate, osloDayPlus, osloMoment } from '../../utils/dates';
import { firstOccurrence } from './ical';

type Weekly = {
  sessions: { weekday: number | null; start: string; end: string }[];
  seasonStart: string | null;
  seasonEnd: string | null;
  /** Days in the season without sessions (holidays, breaks). */
  noSessionDates: string[];
};

export type Occurrence = { date: string; start: string; end: string; startsAt: Date; endsAt: Date };

/**
 * The dated sessions of a weekly activity that have not ended by `from` and start within `days` days
 * (Oslo days), inside the season and without its days off; earliest first. The activity page's
 * "next sessions" and the OpenActive session feed both read them from here.
 */
export function weeklyOccurrences(a: Weekly, from: Date, days: number): Occurrence[] {
  const today = osloDate(from);
  const first = a.seasonStart && a.seasonStart > today ? a.seasonStart : today;
  const horizon = osloDayPlus(from, days);
  const last = a.seasonEnd && a.seasonEnd < horizon ? a.seasonEnd : horizon;
  const off = new Set(a.noSessionDates);
  const out: Occurrence[] = [];
  for (const s of a.sessions) {
    if (!s.weekday) continue;
    for (let date = firstOccurrence(first, s.weekday); date <= last; date = addDays(date, 7)) {
      if (off.has(date)) continue;
      const endsAt = osloMoment(date, s.end);
      if (endsAt <= from) continue;
      out.push({ date, start: s.start, end: s.end, startsAt: osloMoment(date, s.start), endsAt });
    }
  }
  return out.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
}

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
