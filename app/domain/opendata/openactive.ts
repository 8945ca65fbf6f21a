import type { PublicActivity } from '../catalogue/activity.server';
import { weeklyOccurrences, type Occurrence } from '../catalogue/occurrences';
import { osloIso } from '../../utils/dates';
import { countyOf } from './counties';
import { accessibilitySupport, openActiveActivity } from './openactive-vocabulary';

export { openActiveActivity };

// OpenActive's shapes of an activity (Modelling Opportunity Data 2.0): the activity as a SessionSeries
// and each of its coming sessions as a ScheduledSession. The same facts feed the schema.org JSON-LD on
// the activity page (catalogue/json-ld.ts), so the page and the feeds cannot disagree.

// Only the core context: every property used is defined there (inLanguage comes from schema.org), and a
// beta context would have consumers fetch one more document to read nothing.
export const OPENACTIVE_CONTEXT = 'https://openactive.io/';
/** How far ahead the session feed lists sessions. */
export const SESSION_WINDOW_DAYS = 28;

/** Labels the shapes need, in the language the caller chose (bokmål for the feeds, the page's on a page). */
export type OpenActiveWords = { costKind: (kind: string) => string; period: (period: string) => string; totalPerYear: string };

/** The words from a `t` of the catalogue namespace. */
export const openActiveWords = (t: (key: string) => string): OpenActiveWords => ({
  costKind: (k) => t(`costKind.${k}`),
  period: (p) => t(`period.${p}`),
  totalPerYear: t('jsonLd.totalPerYear'),
});

const genderRestriction = { all: 'https://openactive.io/NoRestriction', girls: 'https://openactive.io/FemaleOnly', boys: 'https://openactive.io/MaleOnly' } as const;
const days = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const activityUrl = (base: string, a: Pick<PublicActivity, 'slug'>) => `${base}/aktiviteter/${a.slug}`;
export const seriesId = (base: string, a: Pick<PublicActivity, 'slug'>) => `${activityUrl(base, a)}#session-series`;
export const sessionKey = (a: Pick<PublicActivity, 'id'>, o: Pick<Occurrence, 'date' | 'start'>) => `${a.id}-${o.date}-${o.start.replace(':', '')}`;

/** Every cost item as an offer with its price in kroner as a number, then the total per year. */
export function offers(a: PublicActivity, url: string, words: OpenActiveWords) {
  const items = a.costs
    .filter((c) => c.kind !== 'dugnad')
    .map((c) => ({
      '@type': 'Offer',
      '@id': `${url}#offer-${c.id}`,
      identifier: String(c.id),
      name: `${words.costKind(c.kind)} (${words.period(c.period)})`,
      price: c.amountOre / 100,
      priceCurrency: 'NOK',
      url,
    }));
  const total = { '@type': 'Offer', '@id': `${url}#offer-total`, identifier: 'total', name: words.totalPerYear, price: a.totalPerYearOre / 100, priceCurrency: 'NOK', url };
  return [...items, total];
}

export function place(a: PublicActivity) {
  if (!a.venue) return undefined;
  return {
    '@type': 'Place',
    name: a.venue.name,
    address: {
      '@type': 'PostalAddress',
      streetAddress: a.venue.address,
      addressLocality: a.venue.place,
      addressRegion: countyOf(a.kommune.number) ?? a.kommune.name,
      postalCode: a.venue.postcode,
      addressCountry: 'NO',
    },
    ...(a.venue.lat != null && a.venue.lon != null ? { geo: { '@type': 'GeoCoordinates', latitude: a.venue.lat, longitude: a.venue.lon } } : {}),
  };
}

export const organizer = (base: string, a: PublicActivity) => ({
  '@type': 'Organization',
  '@id': `${base}/organisasjoner/${a.organisation.slug}`,
  name: a.organisation.name,
  url: a.organisation.website || `${base}/organisasjoner/${a.organisation.slug}`,
});

export const ageRange = (a: PublicActivity) => ({ '@type': 'QuantitativeValue', minValue: a.ageMin, maxValue: a.ageMax });

/** Whether the activity goes in the OpenActive feeds: a concept in the Activity List, and weekly sessions to describe. */
export const inOpenActive = (a: Pick<PublicActivity, 'category' | 'sessions'>) => Boolean(openActiveActivity(a.category)) && a.sessions.some((s) => s.weekday);

/**
 * The activity as an OpenActive SessionSeries, or null when it is not for OpenActive: a category the
 * Activity List has no concept for, or no weekly sessions (OpenActive requires a schedule or sessions).
 */
export function sessionSeries(a: PublicActivity, base: string, words: OpenActiveWords) {
  const activity = openActiveActivity(a.category);
  if (!activity || !inOpenActive(a)) return null;
  const url = activityUrl(base, a);
  const support = accessibilitySupport(a.adaptations);
  return {
    '@context': OPENACTIVE_CONTEXT,
    '@type': 'SessionSeries',
    '@id': seriesId(base, a),
    identifier: String(a.id),
    name: a.title.text,
    description: a.description.text || undefined,
    url,
    activity: [activity],
    ageRange: ageRange(a),
    genderRestriction: genderRestriction[a.gender],
    inLanguage: a.leaderLanguages.length ? a.leaderLanguages : ['nb'],
    ...(support.length ? { accessibilitySupport: support } : {}),
    organizer: organizer(base, a),
    location: place(a),
    offers: offers(a, url, words),
    eventSchedule: a.sessions
      .filter((s) => s.weekday)
      .map((s) => ({
        '@type': 'PartialSchedule',
        repeatFrequency: 'P1W',
        byDay: [`https://schema.org/${days[s.weekday!]}`],
        startTime: s.start,
        endTime: s.end,
        ...(a.seasonStart ? { startDate: a.seasonStart } : {}),
        ...(a.seasonEnd ? { endDate: a.seasonEnd } : {}),
        scheduleTimezone: 'Europe/Oslo',
      })),
  };
}

/** ISO 8601 duration between two clock times on one day ("PT1H30M"). */
export function duration(start: string, end: string) {
  const [sh, sm] = start.split(':').map(Number);
  const [eh, em] = end.split(':').map(Number);
  const minutes = Math.max(0, eh * 60 + em - (sh * 60 + sm));
  return `PT${Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)}H` : ''}${minutes % 60 || !Math.floor(minutes / 60) ? `${minutes % 60}M` : ''}`;
}

/** The activity's sessions in the coming window as ScheduledSessions, each pointing at its series. */
export function scheduledSessions(a: PublicActivity, base: string, now: Date) {
  if (!inOpenActive(a)) return [];
  const url = activityUrl(base, a);
  return weeklyOccurrences(a, now, SESSION_WINDOW_DAYS).map((o) => ({
    key: sessionKey(a, o),
    endsAt: o.endsAt,
    data: {
      '@context': OPENACTIVE_CONTEXT,
      '@type': 'ScheduledSession',
      '@id': `${url}#session-${o.date}T${o.start.replace(':', '')}`,
      identifier: sessionKey(a, o),
      superEvent: seriesId(base, a),
      startDate: osloIso(o.startsAt),
      endDate: osloIso(o.endsAt),
      duration: duration(o.start, o.end),
      eventStatus: 'https://schema.org/EventScheduled',
    },
  }));
}
