import ical from 'node-ical';
import Parser from 'rss-parser';
import { parseSearchParams } from '../../app/domain/catalogue/search-params.server';
import { searchActivities } from '../../app/domain/catalogue/search.server';
import * as calendarRoute from '../../app/routes/aktiviteter.kalender[.]ics';
import * as feedRoute from '../../app/routes/aktiviteter.nye[.]atom';
import { addScaleActivities } from '../../db/seed';
import { useTestDatabase } from '../setup/db';

// Issue 14, part 5: any search URL, with its language, also answers as a calendar of the matching
// activities' sessions and as an Atom feed of new and changed activities. Parsed here by node-ical and
// rss-parser, as a family's calendar app and feed reader would.
const t = useTestDatabase();

const get = async (route: typeof calendarRoute | typeof feedRoute, path: string) => (await route.loader({ request: new Request(`http://localhost${path}`), params: {}, context: {} })) as Response;

/** Every activity the search page would list for a query, across its pages. */
async function matchingSlugs(query: string) {
  const { params } = parseSearchParams(new URLSearchParams(query));
  const first = await searchActivities(params);
  const slugs = first.hits.map((h) => h.slug);
  for (let side = 2; side <= first.pages; side++) slugs.push(...(await searchActivities({ ...params, side })).hits.map((h) => h.slug));
  return new Set(slugs);
}

const slugOf = (url: string) => new URL(url).pathname.split('/').pop()!;

test('a search as a calendar: the matching activities and only those, weekly in Oslo time, named in the page language', async () => {
  const query = 'kommune=modum&alder=10';
  const expected = await matchingSlugs(query);
  expect(expected.size).toBeGreaterThan(0);
  expect(expected.size).toBeLessThanOrEqual(50);
  const res = await get(calendarRoute, `/aktiviteter/kalender.ics?${query}&lng=nb`);
  expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
  const text = await res.text();
  expect(text).toContain('X-WR-CALNAME:Fritidsaktiviteter fra Fritidsportalen');
  const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
  expect(events.length).toBeGreaterThan(0);
  const inCalendar = new Set(events.map((e) => slugOf(String(e.url))));
  for (const slug of inCalendar) expect(expected.has(slug), slug).toBe(true);
  // Every matching activity with weekly sessions is in it.
  const weekly = events.filter((e) => e.rrule);
  expect(weekly.length).toBeGreaterThan(0);
  for (const e of weekly) {
    expect(e.start.tz).toBe('Europe/Oslo');
    expect(e.rrule!.toString()).toContain('FREQ=WEEKLY');
  }
  // In English the calendar's name is English.
  expect(await (await get(calendarRoute, `/aktiviteter/kalender.ics?${query}&lng=en`)).text()).toContain('X-WR-CALNAME:Leisure activities from Fritidsportalen');
});

test('a search as an Atom feed: the matches, most recently changed first, linking to their pages in the reader’s language', async () => {
  const query = 'kommune=modum&alder=10';
  const expected = await matchingSlugs(query);
  const res = await get(feedRoute, `/aktiviteter/nye.atom?${query}&lng=so`);
  expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
  const feed = await new Parser().parseString(await res.text());
  expect(feed.items).toHaveLength(Math.min(expected.size, 50));
  for (const item of feed.items) {
    expect(expected.has(slugOf(item.link!)), item.link).toBe(true);
    expect(new URL(item.link!).searchParams.get('lng')).toBe('so');
  }
  const updated = feed.items.map((i) => Date.parse(i.isoDate ?? i.pubDate!));
  expect([...updated].sort((a, b) => b - a)).toEqual(updated);
  expect(feed.feedUrl ?? '').toContain('/aktiviteter/nye.atom?');
  // A search that matches nothing is an empty feed, not an error.
  const none = await new Parser().parseString(await (await get(feedRoute, '/aktiviteter/nye.atom?q=zzzqqqxx&lng=nb')).text());
  expect(none.items).toEqual([]);
});

test('with the SEED_SCALE data too: more matches than the cap, both still parse and hold only matches, at most 50 activities', async () => {
  await addScaleActivities(t.handle, 300);
  const query = 'alder=10';
  const expected = await matchingSlugs(query);
  expect(expected.size).toBeGreaterThan(50);
  const events = Object.values(ical.sync.parseICS(await (await get(calendarRoute, `/aktiviteter/kalender.ics?${query}&lng=uk`)).text())).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
  const inCalendar = new Set(events.map((e) => slugOf(String(e.url))));
  expect(inCalendar.size).toBeGreaterThan(0);
  expect(inCalendar.size).toBeLessThanOrEqual(50);
  for (const slug of inCalendar) expect(expected.has(slug), slug).toBe(true);
  const feed = await new Parser().parseString(await (await get(feedRoute, `/aktiviteter/nye.atom?${query}&lng=uk`)).text());
  expect(feed.items).toHaveLength(50);
  for (const item of feed.items) expect(expected.has(slugOf(item.link!)), item.link).toBe(true);
}, 120_000);
