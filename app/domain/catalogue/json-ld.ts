import type { PublicActivity } from './activity.server';

const days = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** schema.org Event with a weekly Schedule, as a string safe to put inside <script>; its words in the page's language. */
export function activityJsonLd(a: PublicActivity, url: string, words: { totalPerYear: string }) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: a.title.text,
    description: a.description.text,
    url,
    inLanguage: a.title.lang,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    startDate: a.seasonStart ?? undefined,
    endDate: a.seasonEnd ?? undefined,
    typicalAgeRange: `${a.ageMin}-${a.ageMax}`,
    organizer: { '@type': 'Organization', name: a.organisation.name },
    location: a.venue
      ? {
          '@type': 'Place',
          name: a.venue.name,
          address: { '@type': 'PostalAddress', streetAddress: a.venue.address, postalCode: a.venue.postcode, addressLocality: a.venue.place, addressCountry: 'NO' },
          geo: { '@type': 'GeoCoordinates', latitude: a.venue.lat, longitude: a.venue.lon },
        }
      : undefined,
    eventSchedule: a.sessions
      .filter((s) => s.weekday)
      .map((s) => ({
        '@type': 'Schedule',
        byDay: `https://schema.org/${days[s.weekday!]}`,
        startTime: s.start,
        endTime: s.end,
        startDate: a.seasonStart ?? undefined,
        endDate: a.seasonEnd ?? undefined,
        repeatFrequency: 'P1W',
        exceptDate: a.noSessionDates.length ? a.noSessionDates : undefined,
        scheduleTimezone: 'Europe/Oslo',
      })),
    offers: {
      '@type': 'Offer',
      price: (a.totalPerYearOre / 100).toFixed(2),
      priceCurrency: 'NOK',
      description: words.totalPerYear,
    },
    isAccessibleForFree: a.totalPerYearOre === 0,
    // Open days and trial sessions: single events within the activity.
    subEvent: a.openDays.length
      ? a.openDays.map((o) => ({
          '@type': 'Event',
          name: o.texts.title.text,
          description: o.texts.description.text || undefined,
          inLanguage: o.texts.title.lang,
          startDate: o.startsAt,
          endDate: o.endsAt,
          eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
          eventStatus: 'https://schema.org/EventScheduled',
          location: o.venue ? { '@type': 'Place', name: o.venue, address: { '@type': 'PostalAddress', streetAddress: o.address, postalCode: o.postcode, addressLocality: o.place, addressCountry: 'NO' } } : undefined,
        }))
      : undefined,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
