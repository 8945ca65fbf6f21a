import type { PublicActivity } from './activity.server';
import { weeklyOccurrences } from './occurrences';
import { osloIso, osloMoment, osloTime } from '../../utils/dates';
import { activityUrl, duration, offers, openActiveActivity, organizer, place, type OpenActiveWords } from '../opendata/openactive';

/** How many coming sessions the page lists as sub-events (Google and aggregators read the next few). */
const NEXT_SESSIONS = 6;

/**
 * schema.org JSON-LD for the activity page, as a string safe to put inside <script>, its words in the
 * page's language. A weekly activity is an Event whose dates are its next session, with the next
 * sessions and the open days as sub-events: an aggregator that drops events whose start has passed
 * keeps it all season (a season-long Event would vanish once the season began). The shared parts
 * (offers, place, organiser, ages) are the OpenActive feeds' own, so page and feed agree.
 */
export function activityJsonLd(a: PublicActivity, base: string, words: OpenActiveWords, now: Date = new Date()) {
  const url = activityUrl(base, a);
  // OpenActive's activity concept where its list has one: consumers of sport data read it; Google ignores it.
  const concept = openActiveActivity(a.category);
  const activity = concept ? { activity: [concept] } : {};
  const location = place(a);
  // Four months ahead is enough to find the next six sessions, across a winter or an Easter break.
  const sessions = weeklyOccurrences(a, now, 120).slice(0, NEXT_SESSIONS);
  const openDays = a.openDays.map((o) => ({
    '@type': 'Event',
    ...activity,
    name: o.texts.title.text,
    description: o.texts.description.text || undefined,
    inLanguage: o.texts.title.lang,
    startDate: osloIso(new Date(o.startsAt)),
    endDate: osloIso(new Date(o.endsAt)),
    duration: duration(osloTime(new Date(o.startsAt)), osloTime(new Date(o.endsAt))),
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    location: o.venue
      ? { '@type': 'Place', name: o.venue, address: { '@type': 'PostalAddress', streetAddress: o.address, postalCode: o.postcode, addressLocality: o.place, addressRegion: location?.address.addressRegion, addressCountry: 'NO' } }
      : location,
    url,
  }));
  const subEvents = [
    ...sessions.map((o) => ({
      '@type': 'Event',
      '@id': `${url}#session-${o.date}T${o.start.replace(':', '')}`,
      ...activity,
      name: a.title.text,
      startDate: osloIso(o.startsAt),
      endDate: osloIso(o.endsAt),
      duration: duration(o.start, o.end),
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      location,
      url,
    })),
    ...openDays,
  ].sort((x, y) => Date.parse(x.startDate) - Date.parse(y.startDate));
  // The event's own dates: its next session or open day; before a season with no sessions, the season.
  const next = subEvents[0];
  const startDate = next?.startDate ?? (a.seasonStart ? osloIso(osloMoment(a.seasonStart, '00:00')) : undefined);
  const endDate = next?.endDate ?? (a.seasonEnd ? osloIso(osloMoment(a.seasonEnd, '23:59')) : undefined);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    name: a.title.text,
    description: a.description.text || undefined,
    url,
    inLanguage: a.title.lang,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    startDate,
    endDate,
    ...(next ? { duration: next.duration } : {}),
    typicalAgeRange: `${a.ageMin}-${a.ageMax}`,
    audience: { '@type': 'PeopleAudience', suggestedMinAge: a.ageMin, suggestedMaxAge: a.ageMax },
    ...activity,
    organizer: organizer(base, a),
    location,
    offers: offers(a, url, words).map((o) => ({ ...o, availability: a.openForNew ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut' })),
    isAccessibleForFree: a.totalPerYearOre === 0,
    subEvent: subEvents.length ? subEvents : undefined,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

