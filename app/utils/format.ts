// Formatting that gives the same string on the server and in every browser (no Intl differences to
// break hydration): money as grouped kroner, times as HH:MM. Dates are formatted on the server.

/**
 * 1234 → "1 234" (non-breaking spaces between groups of three). A grouped number is wrapped in a
 * left-to-right isolate (U+2066 … U+2069): in Arabic or Urdu text the space between two digit groups
 * otherwise takes the paragraph's direction, and 2 530 reads "530 2". The isolates are invisible.
 */
export function groupDigits(n: number) {
  const grouped = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return grouped.length > 3 ? `\u2066${grouped}\u2069` : grouped;
}

/** 123456 øre → "1 234" (non-breaking spaces between groups of three). */
export function kroner(ore: number) {
  return groupDigits(ore / 100);
}

/** Server only: a date in the reader's language, Oslo time. */
// A formatter costs far more to make than to use (about 0.4 ms against microseconds): one per language and options.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : locale, { timeZone: 'Europe/Oslo', ...options });
    } catch {
      f = null; // an unknown locale
    }
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(iso: string | Date, language: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }) {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  for (const locale of [language, 'nb']) {
    const f = formatter(locale, options);
    if (f) return f.format(date);
  }
  return date.toISOString().slice(0, 10);
}

/** Server only: an ISO weekday (1 = Monday) by name in the reader's language ("onsdag", "Wednesday"). */
export function formatWeekday(weekday: number, language: string) {
  // 2024-01-01 was a Monday; midday, so no time zone moves it to another day.
  return formatDate(`2024-01-0${weekday}T12:00:00Z`, language, { weekday: 'long' });
}

/** Server only: "tirsdag og torsdag", "Tuesday and Thursday", with the reader's own word for "and". */
export function formatList(items: string[], language: string) {
  try {
    return new Intl.ListFormat(language === 'nb' ? 'nb-NO' : language, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
