import { sql } from 'drizzle-orm';
import { localise } from '../content.server';
import { getPublicActivity } from './activity.server';
import { activityEvents, calendarFile } from './ical';
import type { SearchParams } from './search-params';
import { runSql, searchConditions } from './search.server';

// Every search as a subscription (issue 14, part 5): the same filters as the search page answer as a
// calendar of the matching activities' sessions and open days, and as an Atom feed of the matching
// activities, newest change first. Both are capped: a subscription is for a family's few activities,
// not a copy of the catalogue (the open-data feeds are for that).

export const SUBSCRIPTION_LIMIT = 50;

type Row = { id: number; slug: string; title: string; description: string; updated_at: string | Date; created_at: string | Date };

/** The search's matches, most recently changed first (the order a feed reader wants). */
async function matches(p: SearchParams, now: Date) {
  const { where } = await searchConditions({ ...p, side: undefined }, now);
  return runSql<Row>(sql`
    select a.id, a.slug, a.title, a.description, a.updated_at, a.created_at
    from activity a
    where ${where}
    order by a.updated_at desc, a.id desc
    limit ${SUBSCRIPTION_LIMIT}`);
}

export async function searchCalendar(p: SearchParams, language: string, origin: string, words: { name: string; kinds: Parameters<typeof activityEvents>[3] }, now = new Date()) {
  const rows = await matches(p, now);
  const activities = await Promise.all(rows.map((r) => getPublicActivity(r.slug, language, now)));
  const events = activities.flatMap((a) => (a ? activityEvents(a, `${origin}/aktiviteter/${a.slug}`, now, words.kinds) : []));
  return calendarFile(events, words.name);
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: string | Date) => new Date(d).toISOString();

/** An Atom feed (RFC 4287) of the matches; titles and summaries in the reader's language where translated, marked with xml:lang. */
export async function searchAtom(p: SearchParams, language: string, urls: { self: string; page: string; origin: string }, words: { title: string; subtitle: string }, now = new Date()) {
  const rows = await matches(p, now);
  const localised = await localise('activity', rows, ['title', 'description'], language);
  const updated = rows.length ? iso(rows[0].updated_at) : now.toISOString();
  const entries = localised.map((r) => {
    const link = `${urls.origin}/aktiviteter/${r.slug}?lng=${language}`;
    const summary = r.texts.description.text.replace(/\s+/g, ' ').trim().slice(0, 300);
    return [
      '<entry>',
      `<id>${xml(`${urls.origin}/aktiviteter/${r.slug}`)}</id>`,
      `<title xml:lang="${r.texts.title.lang}">${xml(r.texts.title.text)}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      `<published>${iso(r.created_at)}</published>`,
      `<updated>${iso(r.updated_at)}</updated>`,
      summary ? `<summary xml:lang="${r.texts.description.lang}">${xml(summary)}</summary>` : '',
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">`,
    `<id>${xml(urls.page)}</id>`,
    `<title>${xml(words.title)}</title>`,
    `<subtitle>${xml(words.subtitle)}</subtitle>`,
    `<link rel="self" type="application/atom+xml" href="${xml(urls.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(urls.page)}"/>`,
    `<updated>${updated}</updated>`,
    '<author><name>Fritidsportalen</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
