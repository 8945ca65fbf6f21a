import { getPublicActivity, isStale, schemesCoveringCosts } from '../../app/domain/catalogue/activity.server';
import { activityCalendar, firstOccurrence } from '../../app/domain/catalogue/ical';
import { activityJsonLd } from '../../app/domain/catalogue/json-ld';
import { z } from 'zod';
import { useTestDatabase } from '../setup/db';
import { validateOpenActive } from '../setup/openactive';
import { openActiveActivity } from '../../app/domain/opendata/openactive-vocabulary';

const t = useTestDatabase();

async function slugWhere(where: string) {
  const [row] = await t.handle.query<{ slug: string }>(`select slug from activity a where status = 'published' and (expires_at > now()) and ${where} order by id limit 1`);
  if (!row) throw new Error(`no seeded activity where ${where}`);
  return row.slug;
}

describe('which scheme covers which cost', () => {
  const schemes = [
    { id: 1, slug: 'stipend', name: 'Stipend', kind: 'fritidsstipend' as const, covers: ['membership', 'training_fee'], maxAmountOre: 300000, howToApply: '', discreetViaGuide: true },
    { id: 2, slug: 'utstyr', name: 'Utstyr', kind: 'equipment' as const, covers: ['equipment', 'uniform'], maxAmountOre: 150000, howToApply: '', discreetViaGuide: true },
  ];
  test('each cost lists exactly the schemes whose cover includes its kind', () => {
    const costs = [
      { kind: 'membership' as const, amountOre: 30000 },
      { kind: 'uniform' as const, amountOre: 45000 },
      { kind: 'trips' as const, amountOre: 180000 },
    ];
    const covered = schemesCoveringCosts(costs, schemes);
    expect(covered.membership.map((s) => s.id)).toEqual([1]);
    expect(covered.uniform.map((s) => s.id)).toEqual([2]);
    expect(covered.trips).toEqual([]);
  });
  test('a cost of nothing needs no scheme', () => {
    expect(schemesCoveringCosts([{ kind: 'dugnad', amountOre: 0 }], schemes)).toEqual({});
  });
});

describe('the public activity page', () => {
  test('tells the whole cost: items per year, the total, extras beside it, and schemes per cost', async () => {
    const slug = await slugWhere(`exists (select 1 from activity_cost c where c.activity_id = a.id and c.optional and c.amount_ore > 0) and total_cost_per_year_ore > 0`);
    const a = (await getPublicActivity(slug, 'nb'))!;
    const required = a.costs.filter((c) => !c.optional).reduce((n, c) => n + c.perYearOre, 0);
    expect(a.totalPerYearOre).toBe(required + a.mustBuyOre);
    expect(a.optionalPerYearOre).toBeGreaterThan(0);
    for (const c of a.costs) {
      for (const id of c.coveredBy) expect(a.schemes.find((s) => s.id === id)!.covers).toContain(c.kind);
    }
    expect(a.costs.some((c) => c.coveredBy.length > 0)).toBe(true);
  });

  test('names the lender, its opening hours, for equipment to borrow', async () => {
    const slug = await slugWhere(`has_lendable_equipment`);
    const a = (await getPublicActivity(slug, 'nb'))!;
    const lend = a.equipment.filter((e) => e.source === 'lend');
    expect(lend.length).toBeGreaterThan(0);
    expect(lend[0].lender?.name).toMatch(/BUA|Utstyrssentralen/);
    expect(lend[0].lender?.openingHours).toBeTruthy();
  });

  test('shows a translation where there is one, and bokmål marked as such where not', async () => {
    const [row] = await t.handle.query<{ slug: string }>(`select a.slug from activity a join translation tr on tr.entity_id = a.id and tr.entity = 'activity' and tr.language = 'so' and tr.field = 'title' limit 1`);
    const so = (await getPublicActivity(row.slug, 'so'))!;
    expect(so.title).toMatchObject({ lang: 'so', fallback: false });
    expect(so.firstTimeInfo).toMatchObject({ lang: 'nb', fallback: true });
    const nb = (await getPublicActivity(row.slug, 'nb'))!;
    expect(nb.title.fallback).toBe(false);
  });

  test('an unpublished or expired activity is not public', async () => {
    const [row] = await t.handle.query<{ slug: string }>(`select slug from activity where expires_at < now() limit 1`);
    expect(row).toBeTruthy();
    expect(await getPublicActivity(row.slug, 'nb')).toBeNull();
    expect(await getPublicActivity('finnes-ikke', 'nb')).toBeNull();
  });

  test('a listing not confirmed for more than a season is flagged', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(isStale(new Date('2026-10-01T12:00:00Z'), now)).toBe(false);
    expect(isStale(new Date('2026-04-01T12:00:00Z'), now)).toBe(true);
    expect(isStale(null, now)).toBe(true);
  });
});

describe('open data for the activity', () => {
  const words = { costKind: (k: string) => `kind:${k}`, period: (p: string) => `period:${p}`, totalPerYear: 'Totalt per år' };

  test('JSON-LD is a schema.org Event dated by its next session, with the coming sessions, numeric offers, safe inside <script>', async () => {
    const a = (await getPublicActivity(await slugWhere(`exists (select 1 from activity_session s where s.activity_id = a.id and s.weekday is not null)`), 'nb'))!;
    const text = activityJsonLd({ ...a, title: { ...a.title, text: '</script><b>x' } }, 'https://example.test', words);
    expect(text).not.toContain('</script>');
    const data = JSON.parse(text);
    expect(data['@type']).toBe('Event');
    expect(data['@id']).toBe(`https://example.test/aktiviteter/${a.slug}`);
    // Date-times with Oslo's offset, never a bare date; the event's own dates are its next session's.
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;
    expect(data.startDate).toMatch(dateTime);
    expect(data.subEvent.length).toBeGreaterThan(1);
    for (const e of data.subEvent) expect(e.startDate).toMatch(dateTime);
    expect(data.startDate).toBe(data.subEvent[0].startDate);
    expect(Date.parse(data.startDate)).toBeGreaterThan(Date.now() - 3 * 3600 * 1000);
    expect(data.eventSchedule).toBeUndefined();
    expect(Array.isArray(data.offers)).toBe(true);
    for (const o of data.offers) expect(typeof o.price).toBe('number');
    expect(data.offers.at(-1)).toMatchObject({ name: 'Totalt per år', price: a.totalPerYearOre / 100, priceCurrency: 'NOK' });
    expect(data.location.address.addressRegion).toBe('Buskerud');
  });

  // Every page is checked for Google's Event fields. The OpenActive validator (seconds per page) reads
  // one page per category that OpenActive's Activity List covers, with the OpenActive context in place
  // of schema.org's: the same terms, so the same graph, and the validator accepts no other context.
  test('every public activity page’s JSON-LD has what Google requires of an Event; one per category passes the OpenActive validator', async () => {
    const rows = await t.handle.query<{ slug: string; category: string }>(`select slug, category from activity where status = 'published' and (expires_at is null or expires_at > now()) order by id`);
    const validated = new Set<string>();
    expect(rows.length).toBeGreaterThan(50);
    // Google's required and recommended Event fields (developers.google.com/search/docs/appearance/structured-data/event).
    const google = z.object({
      name: z.string().min(1),
      startDate: z.string().regex(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
      endDate: z.string().regex(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
      eventStatus: z.literal('https://schema.org/EventScheduled'),
      eventAttendanceMode: z.literal('https://schema.org/OfflineEventAttendanceMode'),
      location: z.object({ '@type': z.literal('Place'), name: z.string().min(1), address: z.object({ streetAddress: z.string(), addressLocality: z.string(), postalCode: z.string(), addressRegion: z.string(), addressCountry: z.literal('NO') }) }),
      organizer: z.object({ name: z.string().min(1), url: z.string().url() }),
      offers: z.array(z.object({ price: z.number().nonnegative(), priceCurrency: z.literal('NOK'), url: z.string().url(), availability: z.string().url() })).min(1),
      description: z.string().optional(),
    });
    const failures: string[] = [];
    for (const { slug, category } of rows) {
      const a = (await getPublicActivity(slug, 'nb'))!;
      const data = JSON.parse(activityJsonLd(a, 'https://example.test', words));
      const shape = google.safeParse(data);
      if (!shape.success) failures.push(`${slug}: ${shape.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`);
      if (validated.has(category) || !openActiveActivity(category) || !a.sessions.some((x) => x.weekday)) continue;
      validated.add(category);
      const { failures: f } = await validateOpenActive({ ...data, '@context': 'https://openactive.io/' });
      failures.push(...f.map((x) => `${slug} ${x.path}: ${x.message.slice(0, 160)}`));
    }
    expect(failures).toEqual([]);
    expect(validated.size).toBeGreaterThanOrEqual(8);
  }, 180_000);

  test('the page’s JSON-LD speaks the page’s language, not English', async () => {
    const slug = await slugWhere('true');
    const { loader } = await import('../../app/routes/aktiviteter.$slug');
    const so = await (await loader({ request: new Request(`http://localhost/aktiviteter/${slug}?lng=so`), params: { slug }, context: {} })).json();
    const ld = JSON.parse(so.jsonLd);
    expect(ld.offers.at(-1).name).toBe('Wadarta sannadkii');
    // The cost items are named in Somali too, and the description is the page's text.
    const nb = await (await loader({ request: new Request(`http://localhost/aktiviteter/${slug}?lng=nb`), params: { slug }, context: {} })).json();
    expect(ld.offers[0].name).not.toBe(JSON.parse(nb.jsonLd).offers[0].name);
  });

  test('iCal: one weekly VEVENT per session through the season, in Oslo time, CRLF, folded', async () => {
    const a = (await getPublicActivity(await slugWhere('(select count(*) from activity_session s where s.activity_id = a.id and s.weekday is not null) = 2'), 'nb'))!;
    const ics = activityCalendar(a, 'https://example/a', new Date('2026-11-23T12:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toMatch(/RRULE:FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU);UNTIL=\d{8}T235959Z/);
    expect(ics).toContain('DTSTART;TZID=Europe/Oslo:');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  test('the first session falls on the right weekday on or after the season start', () => {
    expect(firstOccurrence('2026-08-15', 6)).toBe('2026-08-15'); // a Saturday
    expect(firstOccurrence('2026-08-15', 1)).toBe('2026-08-17');
    expect(firstOccurrence('2026-08-15', 5)).toBe('2026-08-21');
  });
});
