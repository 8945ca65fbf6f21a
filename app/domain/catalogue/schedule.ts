// Rules about an activity's weekly schedule that the editor, the seed and the tests share.

/** ISO weekday of a calendar date (YYYY-MM-DD): 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string) {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export type ExceptionDateProblem =
  | { reason: 'noSessions'; date: string }
  | { reason: 'outsideSeason'; date: string; seasonStart: string; seasonEnd: string }
  | { reason: 'weekday'; date: string; weekday: number; sessionWeekdays: number[] };

/**
 * A day without practice must be a day that would have had one: inside the season and on one of the
 * weekdays the activity meets. Otherwise the page (and the iCal feed's EXDATE) announces a break that
 * cancels nothing. Returns why a date is refused, or null when it is fine.
 */
export function exceptionDateProblem(
  date: string,
  schedule: { sessionWeekdays: readonly number[]; seasonStart?: string | null; seasonEnd?: string | null },
): ExceptionDateProblem | null {
  const sessionWeekdays = [...new Set(schedule.sessionWeekdays)].sort((a, b) => a - b);
  if (!sessionWeekdays.length) return { reason: 'noSessions', date };
  const { seasonStart, seasonEnd } = schedule;
  if (seasonStart && seasonEnd && (date < seasonStart || date > seasonEnd)) return { reason: 'outsideSeason', date, seasonStart, seasonEnd };
  const weekday = isoWeekday(date);
  return sessionWeekdays.includes(weekday) ? null : { reason: 'weekday', date, weekday, sessionWeekdays };
}
