import type { PublicActivity } from './activity.server';

const byDay = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

// Europe/Oslo, so calendar apps place the sessions right across summer time.
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Oslo',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function escapeText(s: string) {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string) {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > 74) {
      out.push(current);
      current = ' ' + ch;
    } else current += ch;
  }
  out.push(current);
  return out.join('\r\n');
}

/** The first date on or after `from` that falls on ISO weekday `weekday`. */
export function firstOccurrence(from: string, weekday: number) {
  const d = new Date(`${from}T12:00:00Z`);
  const current = ((d.getUTCDay() + 6) % 7) + 1;
  d.setUTCDate(d.getUTCDate() + ((weekday - current + 7) % 7));
  return d.toISOString().slice(0, 10);
}

/** A moment as an iCalendar UTC date-time (20261210T163000Z). */
const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

type Kinds = Record<PublicActivity['openDays'][number]['kind'], string>;

/**
 * An activity's events: a weekly one per session, repeating through the season, and one per open day
 * or trial session, its kind named in the reader's language (`kinds`).
 */
export function activityEvents(a: PublicActivity, url: string, now: Date = new Date(), kinds?: Kinds) {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const start = a.seasonStart ?? now.toISOString().slice(0, 10);
  const until = (a.seasonEnd ?? start).replace(/-/g, '') + 'T235959Z';
  const location = a.venue ? `${a.venue.name}, ${a.venue.address}, ${a.venue.postcode} ${a.venue.place}` : '';
  const sessions = a.sessions
    .filter((s) => s.weekday)
    .flatMap((s, i) => {
      const day = firstOccurrence(start, s.weekday!).replace(/-/g, '');
      return [
        'BEGIN:VEVENT',
        `UID:${a.slug}-${i}@fritidsportal`,
        `DTSTAMP:${stamp}`,
        `DTSTART;TZID=Europe/Oslo:${day}T${s.start.replace(':', '')}00`,
        `DTEND;TZID=Europe/Oslo:${day}T${s.end.replace(':', '')}00`,
        `RRULE:FREQ=WEEKLY;BYDAY=${byDay[s.weekday!]};UNTIL=${until}`,
        // Days without sessions (breaks) are left out of the series.
        ...a.noSessionDates.map((d) => `EXDATE;TZID=Europe/Oslo:${d.replace(/-/g, '')}T${s.start.replace(':', '')}00`),
        `SUMMARY:${escapeText(a.title.text)}`,
        `DESCRIPTION:${escapeText(`${a.organisation.name}\n${url}`)}`,
        `LOCATION:${escapeText(location)}`,
        `URL:${url}`,
        'END:VEVENT',
      ];
    });
  const openDays = a.openDays.flatMap((o) => [
    'BEGIN:VEVENT',
    `UID:open-day-${o.id}@fritidsportal`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utc(o.startsAt)}`,
    `DTEND:${utc(o.endsAt)}`,
    `SUMMARY:${escapeText(kinds ? `${kinds[o.kind]}: ${o.texts.title.text}` : o.texts.title.text)}`,
    `DESCRIPTION:${escapeText([o.texts.description.text, a.organisation.name, url].filter(Boolean).join('\n'))}`,
    `LOCATION:${escapeText(o.venue ? `${o.venue}, ${o.address}, ${o.postcode} ${o.place}` : location)}`,
    `URL:${url}`,
    'END:VEVENT',
  ]);
  return [...sessions, ...openDays];
}

/** A calendar file of events (`name`: what calendar apps show for a subscription). */
export function calendarFile(events: string[], name?: string) {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fritidsportalen//NO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(name ? [`X-WR-CALNAME:${escapeText(name)}`] : []),
    ...VTIMEZONE,
    ...events,
    'END:VCALENDAR',
  ]
    .map(fold)
    .join('\r\n') + '\r\n';
}

/** One activity's calendar: its sessions and open days. */
export function activityCalendar(a: PublicActivity, url: string, now: Date = new Date(), kinds?: Kinds) {
  return calendarFile(activityEvents(a, url, now, kinds));
}
