import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { organisation } from '../../../db/schema/organisation';
import { venue } from '../../../db/schema/venue';
import { db } from '../../utils/db.server';
import { fieldErrors } from '../../utils/forms.server';
import { activityEditorInput, saveActivity, type ActivityEditorInput } from './activities.server';
import { inTransaction } from '../../utils/transaction.server';

/** The columns a CSV file may have; the first row names them. */
export const importColumns = [
  'organisation', 'title', 'category', 'category_other', 'description', 'age_min', 'age_max', 'weekday', 'start', 'end', 'season_start', 'season_end',
  'venue', 'membership_kr', 'training_fee_kr', 'training_fee_period', 'trial', 'first_time_info', 'what_to_bring', 'contact_email', 'free_places', 'leader_languages',
] as const;

export type RowError = { row: number; column: string; error: string };
type Result = { ok: true; imported: number } | { ok: false; errors: RowError[] };

const yes = (v: string | undefined) => /^(ja|yes|1|x|true)$/i.test((v ?? '').trim());

/**
 * Imports activities for a club from CSV. Every row is checked first; any error in any row stops the
 * import and nothing is saved. Each error names its row (as in the file, the header is row 1) and column.
 */
export async function importActivitiesCsv(scope: { organisationId: number } | { kommuneId: number }, actorUserId: string, text: string): Promise<Result> {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\ufeff/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, delimiter: [',', ';'] });
  } catch {
    return { ok: false, errors: [{ row: 1, column: '-', error: 'csvFormat' }] };
  }
  if (!records.length) return { ok: false, errors: [{ row: 1, column: '-', error: 'csvEmpty' }] };
  const unknown = Object.keys(records[0]).filter((c) => !(importColumns as readonly string[]).includes(c));
  if (unknown.length) return { ok: false, errors: unknown.map((c) => ({ row: 1, column: c, error: 'csvColumn' })) };
  // A club imports its own activities; a kommune names the (approved) club of each row in `organisation`.
  const kommuneId = 'kommuneId' in scope ? scope.kommuneId : (await db().select().from(organisation).where(eq(organisation.id, scope.organisationId)))[0]?.kommuneId;
  if (!kommuneId) return { ok: false, errors: [{ row: 1, column: '-', error: 'invalid' }] };
  if ('kommuneId' in scope && !('organisation' in records[0])) return { ok: false, errors: [{ row: 1, column: 'organisation', error: 'required' }] };
  const clubs = 'kommuneId' in scope ? await db().select({ id: organisation.id, name: organisation.name, slug: organisation.slug }).from(organisation).where(and(eq(organisation.kommuneId, kommuneId), eq(organisation.status, 'approved'))) : [];
  const venues = await db().select({ id: venue.id, name: venue.name }).from(venue).where(eq(venue.kommuneId, kommuneId));

  const errors: RowError[] = [];
  const inputs: { organisationId: number; input: ActivityEditorInput }[] = [];
  const columnOf: Record<string, string> = {
    title: 'title', category: 'category', categoryOther: 'category_other', description: 'description', ageMin: 'age_min', ageMax: 'age_max', seasonStart: 'season_start',
    seasonEnd: 'season_end', venueId: 'venue', sessions: 'weekday', costs: 'membership_kr', firstTimeInfo: 'first_time_info',
    whatToBring: 'what_to_bring', contactEmail: 'contact_email', freePlaces: 'free_places', leaderLanguages: 'leader_languages',
  };
  records.forEach((r, i) => {
    const row = i + 2;
    const wanted = (r.organisation ?? '').toLowerCase();
    const organisationId = 'organisationId' in scope ? scope.organisationId : clubs.find((c) => c.slug === wanted || c.name.toLowerCase() === wanted)?.id;
    if (!organisationId) errors.push({ row, column: 'organisation', error: 'csvOrganisation' });
    const venueMatch = venues.find((v) => v.name.toLowerCase() === (r.venue ?? '').toLowerCase());
    const costs = [
      ...(r.membership_kr ? [{ kind: 'membership', amount: r.membership_kr, period: 'year' }] : []),
      ...(r.training_fee_kr ? [{ kind: 'training_fee', amount: r.training_fee_kr, period: r.training_fee_period || 'semester' }] : []),
    ];
    const candidate = {
      title: r.title, category: r.category, categoryOther: r.category_other ?? '', description: r.description, ageMin: r.age_min, ageMax: r.age_max,
      seasonStart: r.season_start, seasonEnd: r.season_end, venueId: venueMatch ? String(venueMatch.id) : '',
      sessions: r.weekday ? [{ weekday: r.weekday, start: r.start, end: r.end }] : [],
      costs, equipment: [], trialSession: yes(r.trial) ? 'on' : undefined, openForNew: 'on',
      firstTimeInfo: r.first_time_info ?? '', whatToBring: r.what_to_bring ?? '', contactEmail: r.contact_email ?? '',
      freePlaces: r.free_places ?? '', leaderLanguages: ['nb', ...(r.leader_languages ?? '').split(/[\s;]+/).filter(Boolean)],
    };
    const parsed = activityEditorInput.safeParse(candidate);
    if (!parsed.success) {
      for (const [field, error] of Object.entries(fieldErrors(parsed.error))) errors.push({ row, column: columnOf[field] ?? field, error: field === 'venueId' ? 'csvVenue' : error });
    } else if (organisationId) inputs.push({ organisationId, input: parsed.data });
  });
  if (errors.length) return { ok: false, errors };
  await inTransaction(undefined, async (tx) => {
    for (const { organisationId, input } of inputs) await saveActivity(organisationId, actorUserId, input, undefined, tx);
  });
  return { ok: true, imported: inputs.length };
}
