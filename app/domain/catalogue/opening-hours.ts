import { directionOf } from '../../i18n';

// A lender's opening hours, stored as rows (weekday + times) and written out in the reader's language:
// weekday names come from Intl (CLDR), so no language needs its own list. Formatted on the server, like
// dates (app/utils/format.ts), so the browser's Intl cannot make the markup differ at hydration.

export interface OpeningRow {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface OpeningDay {
  weekday: number;
  /** The weekday's name in the reader's language, e.g. "tirsdag", "الثلاثاء". */
  day: string;
  /** Every opening that day, HH:MM–HH:MM, in order, joined the language's way. */
  times: string;
}

const intlLocale = (language: string) => (language === 'nb' ? 'nb-NO' : language);

function formatter(language: string, options: Intl.DateTimeFormatOptions) {
  try {
    return new Intl.DateTimeFormat(intlLocale(language), { timeZone: 'UTC', ...options });
  } catch {
    return new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', ...options });
  }
}

/** ISO weekday (1 = Monday) → its name; 1 January 2024 was a Monday. */
export function weekdayName(weekday: number, language: string) {
  return formatter(language, { weekday: 'long' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

const hhmm = (t: string) => t.slice(0, 5);

/** The rows grouped by weekday, Monday first, each day named in the reader's language. */
export function openingDays(rows: OpeningRow[], language: string): OpeningDay[] {
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  const days: { weekday: number; times: string[] }[] = [];
  for (const r of sorted) {
    // In a right-to-left language "15:00–19:00" would be laid out as 19:00–15:00: isolated left to right
    // (invisible characters, so plain-text messages get it right too).
    const range = `${hhmm(r.opensAt)}–${hhmm(r.closesAt)}`;
    const time = directionOf(language) === 'rtl' ? `\u2066${range}\u2069` : range;
    const last = days[days.length - 1];
    if (last?.weekday === r.weekday) last.times.push(time);
    else days.push({ weekday: r.weekday, times: [time] });
  }
  return days.map((d) => ({ weekday: d.weekday, day: weekdayName(d.weekday, language), times: joinList(d.times, language) }));
}

/** A list joined with the language's own separators ("، " in Arabic and Urdu, "፣ " in Tigrinya). */
export function joinList(items: string[], language: string) {
  try {
    return new Intl.ListFormat(intlLocale(language), { type: 'unit', style: 'short' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** One line for running text and plain-text messages: "tirsdag 15:00–19:00, torsdag 15:00–19:00". */
export function openingHoursLine(rows: OpeningRow[], language: string) {
  return joinList(openingDays(rows, language).map((d) => `${d.day} ${d.times}`), language);
}
