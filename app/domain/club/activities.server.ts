import { and, asc, eq, gt, inArray, isNull, like, lt, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '../../../db/schema/index';
import { slugify } from '../../../db/random';
import { claimDue } from '../../utils/claim.server';
import { db } from '../../utils/db.server';
import { newToken } from '../../utils/crypto.server';
import { audit } from '../audit.server';
import { CONFIRMATION_VALID_DAYS, derivedActivityFields } from '../catalogue/derived';
import { parseDecimal } from '../catalogue/decimal';
import { exceptionDateProblem } from '../catalogue/schedule';
import { adaptations, categories, leaderLanguages, OTHER_CATEGORY, translatableFields, equipmentField } from '../catalogue/taxonomy';
import { reindexActivityTranslations } from '../catalogue/translation-index.server';
import { enqueue } from '../notifications/outbox.server';
import { inTransaction, type Executor, type Tx } from '../../utils/transaction.server';
import { schemeInForce } from '../support/schemes.server';
import { foreignLenderFields, lenderItems } from '../catalogue/directory.server';

const day = 24 * 3600 * 1000;
export const REMIND_BEFORE_DAYS = 14;

/** The club's list: every activity with its state, and whether it needs confirming. */
export async function clubActivities(organisationId: number, now = new Date()) {
  const rows = await db()
    .select({ id: s.activity.id, slug: s.activity.slug, title: s.activity.title, status: s.activity.status, lastConfirmedAt: s.activity.lastConfirmedAt, expiresAt: s.activity.expiresAt, moderationNote: s.activity.moderationNote })
    .from(s.activity)
    .where(eq(s.activity.organisationId, organisationId))
    .orderBy(asc(s.activity.status), asc(s.activity.title));
  return rows.map((r) => ({
    ...r,
    lastConfirmedAt: r.lastConfirmedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    expired: r.status === 'published' && Boolean(r.expiresAt && r.expiresAt <= now),
    needsConfirmation: r.status === 'published' && Boolean(r.expiresAt && r.expiresAt.getTime() - now.getTime() < REMIND_BEFORE_DAYS * day),
  }));
}

/** The activity, if it is this organisation's (every club-side reader and writer goes through it). */
export async function activityOf(organisationId: number, activityId: number, executor: Executor = db()) {
  const [row] = await executor.select().from(s.activity).where(and(eq(s.activity.id, activityId), eq(s.activity.organisationId, organisationId)));
  return row ?? null;
}

/** One click a season: the listing is current again. */
export async function confirmActivity(organisationId: number, activityId: number, actorUserId: string, now = new Date()) {
  const [row] = await db()
    .update(s.activity)
    .set({ lastConfirmedAt: now, expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_DAYS * day), expiryRemindedAt: null, updatedAt: now })
    .where(and(eq(s.activity.id, activityId), eq(s.activity.organisationId, organisationId)))
    .returning({ id: s.activity.id });
  if (row) await audit({ actorUserId, action: 'activity.confirmed', entity: 'activity', entityId: String(activityId) });
  return Boolean(row);
}

export const lifecycleInput = z.object({
  activityId: z.coerce.number().int().positive(),
  intent: z.enum(['publish', 'unpublish', 'archive', 'confirm', 'duplicate'], { message: 'invalid' }),
});

/**
 * Publishing: a verified club publishes at once; a club the kommune has not verified yet goes to
 * moderation first. Confirming counts as publishing's freshness too. Whoever publishes must have
 * confirmed their e-mail address, so families' sign-ups reach someone who reads that inbox.
 */
export async function changeLifecycle(organisationId: number, actorUserId: string, input: z.infer<typeof lifecycleInput>, now = new Date()): Promise<number | null | 'emailUnverified'> {
  const a = await activityOf(organisationId, input.activityId);
  if (!a) return null;
  if (input.intent === 'publish') {
    const [actor] = await db().select({ emailVerifiedAt: s.user.emailVerifiedAt }).from(s.user).where(eq(s.user.id, actorUserId));
    if (!actor?.emailVerifiedAt) return 'emailUnverified';
  }
  if (input.intent === 'confirm') return (await confirmActivity(organisationId, a.id, actorUserId, now)) ? a.id : null;
  if (input.intent === 'duplicate') return duplicateActivity(organisationId, a.id, actorUserId);
  const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, organisationId));
  const status = input.intent === 'publish' ? (org?.verifiedAt ? 'published' : 'pending') : input.intent === 'unpublish' ? 'draft' : 'archived';
  await db()
    .update(s.activity)
    .set({
      status,
      updatedAt: now,
      ...(status === 'published' ? { lastConfirmedAt: now, expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_DAYS * day), moderationNote: null } : {}),
    })
    .where(eq(s.activity.id, a.id));
  await audit({ actorUserId, action: `activity.${input.intent}`, entity: 'activity', entityId: String(a.id), detail: { status } });
  return a.id;
}

/** A copy as a draft (e.g. last season's), with its costs, equipment, sessions and support. */
export async function duplicateActivity(organisationId: number, activityId: number, actorUserId: string) {
  const a = await activityOf(organisationId, activityId);
  if (!a) return null;
  const [costs, equipment, sessions, support, translations] = await Promise.all([
    db().select().from(s.activityCost).where(eq(s.activityCost.activityId, a.id)),
    db().select().from(s.activityEquipment).where(eq(s.activityEquipment.activityId, a.id)),
    db().select().from(s.activitySession).where(eq(s.activitySession.activityId, a.id)),
    db().select().from(s.activitySupport).where(eq(s.activitySupport.activityId, a.id)),
    db().select().from(s.translation).where(and(eq(s.translation.entity, 'activity'), eq(s.translation.entityId, a.id))),
  ]);
  const { id: _id, search: _search, createdAt: _c, updatedAt: _u, ...rest } = a;
  return inTransaction(undefined, async (tx) => {
    const [copy] = await tx
      .insert(s.activity)
      .values({ ...rest, slug: `${a.slug}-kopi-${newToken(3).toLowerCase().replace(/[^a-z0-9]/g, '')}`, status: 'draft', lastConfirmedAt: null, expiresAt: null, expiryRemindedAt: null })
      .returning({ id: s.activity.id });
    const strip = <T extends { id: number; activityId: number }>(rows: T[]) => rows.map(({ id: _i, ...r }) => ({ ...r, activityId: copy.id }));
    if (costs.length) await tx.insert(s.activityCost).values(strip(costs));
    if (equipment.length) await tx.insert(s.activityEquipment).values(strip(equipment));
    if (sessions.length) await tx.insert(s.activitySession).values(strip(sessions));
    if (support.length) await tx.insert(s.activitySupport).values(strip(support));
    if (translations.length) await tx.insert(s.translation).values(translations.map(({ id: _i, ...t }) => ({ ...t, entityId: copy.id })));
    await reindexActivityTranslations(tx, [copy.id]);
    await audit({ actorUserId, action: 'activity.duplicated', entity: 'activity', entityId: String(copy.id), detail: { from: a.id } }, tx);
    return copy.id;
  });
}

export async function pendingActivities(kommuneId: number) {
  return db()
    .select({ id: s.activity.id, title: s.activity.title, description: s.activity.description, organisationName: s.organisation.name })
    .from(s.activity)
    .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
    .where(and(eq(s.activity.kommuneId, kommuneId), eq(s.activity.status, 'pending')))
    .orderBy(asc(s.activity.updatedAt));
}

export const activityModerationInput = z
  .object({
    activityId: z.coerce.number().int().positive(),
    decision: z.enum(['approve', 'reject'], { message: 'required' }),
    reason: z.string().trim().max(500, 'tooLong').optional(),
  })
  .refine((v) => v.decision === 'approve' || Boolean(v.reason), { message: 'reasonRequired', path: ['reason'] });

/** The kommune approves the first activities of a club it has not verified; a rejection carries its reason. */
export async function moderateActivity(kommuneId: number, actorUserId: string, input: z.infer<typeof activityModerationInput>, now = new Date()) {
  const [row] = await db()
    .update(s.activity)
    .set(
      input.decision === 'approve'
        ? { status: 'published', lastConfirmedAt: now, expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_DAYS * day), moderationNote: null }
        : { status: 'draft', moderationNote: input.reason ?? null },
    )
    .where(and(eq(s.activity.id, input.activityId), eq(s.activity.kommuneId, kommuneId), eq(s.activity.status, 'pending')))
    .returning({ id: s.activity.id });
  if (!row) return false;
  await audit({ actorUserId, action: `activity.moderation.${input.decision}`, entity: 'activity', entityId: String(row.id), detail: input.reason ? { reason: input.reason } : undefined });
  return true;
}

/** E-mails the club about listings that expire within two weeks, once per confirmation. */
export async function remindExpiringActivities(now = new Date()) {
  const soon = new Date(now.getTime() + REMIND_BEFORE_DAYS * day);
  return claimDue({
    of: s.activity,
    select: (tx, batch) =>
      tx
        .select({ id: s.activity.id, title: s.activity.title, organisationId: s.activity.organisationId, contactEmail: s.activity.contactEmail, orgEmail: s.organisation.contactEmail })
        .from(s.activity)
        .innerJoin(s.organisation, eq(s.organisation.id, s.activity.organisationId))
        .where(and(eq(s.activity.status, 'published'), isNull(s.activity.expiryRemindedAt), gt(s.activity.expiresAt, now), lt(s.activity.expiresAt, soon)))
        .orderBy(s.activity.id)
        .limit(batch),
    work: async (tx, rows) => {
      for (const r of rows) {
        const to = r.contactEmail ?? r.orgEmail;
        if (to) await enqueue({ to, template: 'activity-expiring', language: 'nb', params: { activity: r.title, path: `/klubb/${r.organisationId}` } }, tx);
        await tx.update(s.activity).set({ expiryRemindedAt: now }).where(eq(s.activity.id, r.id));
      }
    },
  });
}

// --- The editor -------------------------------------------------------------------------------------

// Every field of the editor reports its own problem and never stops the others from being checked: a
// zod type error would skip the cross-field rules below (venue, coordinates, days without practice), and
// a volunteer would meet a new error after fixing the first ones. So numbers and choices are parsed by
// transforms that add a non-aborting issue (`continue: true`) and pass null on. On success no field is
// null unless the schema says so, hence the `as never` on those nulls.
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A number as people type it ("59,9", "1 250,50"; see parseDecimal), within a range. */
function decimal<Optional extends boolean = false>(o: { min: number; max: number; message: string; int?: boolean; optional?: Optional }) {
  return z.unknown().transform((v, ctx): Optional extends true ? number | null : number => {
    if (blank(v)) {
      if (!o.optional) ctx.addIssue({ code: 'custom', message: 'required', continue: true });
      return null as never;
    }
    const n = parseDecimal(v);
    if (n === null || n < o.min || n > o.max || (o.int && !Number.isInteger(n))) {
      ctx.addIssue({ code: 'custom', message: o.message, continue: true });
      return null as never;
    }
    return n as never;
  });
}

/** One of a fixed list of codes (a select's value). */
function choice<const T extends readonly string[]>(values: T, message = 'required') {
  return z.unknown().transform((v, ctx): T[number] => {
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T[number];
    ctx.addIssue({ code: 'custom', message, continue: true });
    return null as never;
  });
}

/** A day as the volunteer writes it, 23.12.2026 or 2026-12-23, as YYYY-MM-DD (anything else is kept, and refused). */
const isoDay = (v: string) => {
  const m = v.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : v;
};

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time');
const check = z.union([z.literal('on'), z.literal('1'), z.literal('true')]).optional().transform((v) => Boolean(v));
const money = (optional: boolean) => decimal({ min: 0, max: 100_000, message: 'club:editor.errors.amount', optional });

export const activityEditorInput = z
  .object({
    title: z.string().trim().min(3, 'club:editor.errors.title').max(120, 'tooLong'),
    category: choice(categories),
    /** The kind in the club's own words, for the category 'annet' only. */
    categoryOther: z.string().trim().max(60, 'tooLong').default(''),
    description: z.string().trim().min(10, 'club:editor.errors.description').max(4000, 'tooLong'),
    firstTimeInfo: z.string().trim().max(2000, 'tooLong').default(''),
    whatToBring: z.string().trim().max(1000, 'tooLong').default(''),
    ageMin: decimal({ min: 0, max: 25, int: true, message: 'age' }),
    ageMax: decimal({ min: 0, max: 25, int: true, message: 'age' }),
    gender: z.enum(['all', 'girls', 'boys']).default('all'),
    level: z.enum(['beginner', 'all', 'experienced']).default('all'),
    leaderLanguages: z.array(z.enum(leaderLanguages)).default(['nb']),
    adaptations: z.array(z.enum(adaptations)).default([]),
    trialSession: check,
    dropIn: check,
    openForNew: check,
    waitingList: check,
    capacity: decimal({ min: 0, max: 10_000, int: true, message: 'number', optional: true }),
    seasonStart: z.iso.date('date'),
    seasonEnd: z.iso.date('date'),
    contactName: z.string().trim().max(100, 'tooLong').default(''),
    contactEmail: z.union([z.literal(''), z.email('email')]).default(''),
    contactPhone: z.union([z.literal(''), z.string().trim().regex(/^\+?[\d\s]{8,15}$/, 'phone')]).default(''),
    venueId: z.union([z.literal('').transform(() => null), z.literal('new'), z.coerce.number().int().positive()]).default(null),
    venue: z
      .object({
        name: z.string().trim().max(120, 'tooLong').default(''),
        address: z.string().trim().max(200, 'tooLong').default(''),
        postcode: z.string().trim().regex(/^(\d{4})?$/, 'postcode').default(''),
        place: z.string().trim().max(80, 'tooLong').default(''),
        // Norway's mainland and coast, so a swapped pair or a typo is caught.
        lat: decimal({ min: 57, max: 72, message: 'club:editor.errors.latitude', optional: true }),
        lon: decimal({ min: 4, max: 32, message: 'club:editor.errors.longitude', optional: true }),
        stepFree: check,
      })
      .default({ name: '', address: '', postcode: '', place: '', lat: null, lon: null, stepFree: false }),
    sessions: z.array(z.object({ weekday: decimal({ min: 1, max: 7, int: true, message: 'weekday' }), start: time, end: time })).default([]),
    costs: z
      .array(z.object({ kind: choice(s.costKinds), amount: money(true), period: choice(s.costPeriods), optional: check, hours: decimal({ min: 0, max: 500, int: true, message: 'number', optional: true }) }))
      .default([]),
    equipment: z
      .array(
        z.object({
          item: z.string().trim().min(1, 'required').max(80, 'tooLong'),
          required: check,
          source: choice(s.equipmentSources),
          lenderId: z.preprocess((v) => (blank(v) ? '' : v), z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()])),
          price: money(true),
        }),
      )
      .default([]),
    schemes: z.array(z.coerce.number().int().positive()).default([]),
    /** Days without sessions, as dates separated by commas, spaces or lines (23.12.2026 or 2026-12-23). */
    noSessionDates: z
      .string()
      .default('')
      .transform((v) => v.split(/[\s,;]+/).filter(Boolean).map(isoDay))
      .pipe(z.array(z.iso.date('club:editor.errors.exception.format')).max(60, 'tooLong')),
    freePlaces: decimal({ min: 0, max: 100, int: true, message: 'number', optional: true }),
  })
  .superRefine((v, ctx) => {
    // Runs even when a field above failed: what failed is null here and its rule waits.
    const add = (path: (string | number)[], message: string, params?: Record<string, unknown>) => ctx.addIssue({ code: 'custom', path, message, params });
    if (v.category === OTHER_CATEGORY && !v.categoryOther) add(['categoryOther'], 'club:editor.errors.categoryOther');
    if (v.ageMin !== null && v.ageMax !== null && v.ageMax < v.ageMin) add(['ageMax'], 'ageOrder');
    if (v.seasonEnd < v.seasonStart) add(['seasonEnd'], 'dateOrder');
    v.sessions.forEach((x, i) => x.end <= x.start && add(['sessions', i, 'end'], 'timeOrder'));
    // A field that failed already has its own message; the form shows the first one per field.
    v.costs.forEach((x, i) => x.kind !== 'dugnad' && x.amount === null && add(['costs', i, 'amount'], 'club:editor.errors.amountRequired'));
    if (v.venueId === 'new') {
      for (const f of ['name', 'address', 'postcode', 'place'] as const) if (!v.venue[f]) add(['venue', f], 'required');
      for (const f of ['lat', 'lon'] as const) if (v.venue[f] === null) add(['venue', f], 'coordinates');
    }
    if (v.venueId === null) add(['venueId'], 'club:editor.errors.venue');
    // A day without practice must be one that would have had practice (one rule: catalogue/schedule).
    const sessionWeekdays = v.sessions.map((x) => x.weekday).filter((d): d is number => d !== null);
    for (const date of v.noSessionDates) {
      const problem = exceptionDateProblem(date, { sessionWeekdays, seasonStart: v.seasonStart, seasonEnd: v.seasonEnd });
      if (problem) {
        add(['noSessionDates'], `club:editor.errors.exception.${problem.reason}`, problem);
        break;
      }
    }
  });

export type ActivityEditorInput = z.infer<typeof activityEditorInput>;

/**
 * Form fields arrive flat ("costs.0.kind", "leaderLanguages" repeated); this builds the nested object
 * the schema expects, dropping blank repeated rows (the form always offers a few empty ones).
 */
export function formToEditorObject(form: FormData) {
  const out: Record<string, unknown> = {};
  const rows: Record<string, Record<number, Record<string, string>>> = {};
  for (const [key, raw] of form.entries()) {
    if (typeof raw !== 'string') continue;
    const m = key.match(/^(sessions|costs|equipment)\.(\d+)\.(\w+)$/);
    if (m) {
      ((rows[m[1]] ??= {})[Number(m[2])] ??= {})[m[3]] = raw;
    } else if (key.startsWith('venue.')) {
      ((out.venue ??= {}) as Record<string, string>)[key.slice(6)] = raw;
    } else if (['leaderLanguages', 'adaptations', 'schemes'].includes(key)) {
      ((out[key] ??= []) as string[]).push(raw);
    } else out[key] = raw;
  }
  const filled = (r: Record<string, string>, main: string) => (r[main] ?? '').trim() !== '';
  out.sessions = Object.values(rows.sessions ?? {}).filter((r) => filled(r, 'weekday'));
  out.costs = Object.values(rows.costs ?? {}).filter((r) => filled(r, 'kind'));
  out.equipment = Object.values(rows.equipment ?? {}).filter((r) => filled(r, 'item'));
  return out;
}


export type SaveActivityResult = { ok: true; id: number } | { ok: false; reason: 'notFound' } | { ok: false; reason: 'invalid'; errors: Record<string, string> };

/**
 * Creates or updates an activity with all its parts in one transaction (or in the caller's). Refused,
 * with the fields to show beside, when equipment is borrowed at a lender of another kommune.
 */
export async function saveActivity(organisationId: number, actorUserId: string, input: ActivityEditorInput, activityId?: number, outer?: Tx): Promise<SaveActivityResult> {
  // Inside the caller's transaction every query must use it (PGlite has a single connection).
  const q = outer ?? db();
  const [org] = await q.select().from(s.organisation).where(eq(s.organisation.id, organisationId));
  if (!org) return { ok: false, reason: 'notFound' };
  if (activityId && !(await q.select({ id: s.activity.id }).from(s.activity).where(and(eq(s.activity.id, activityId), eq(s.activity.organisationId, organisationId)))).length) return { ok: false, reason: 'notFound' };
  const foreign = await foreignLenderFields(org.kommuneId, input.equipment, q);
  if (foreign.length) return { ok: false, reason: 'invalid', errors: Object.fromEntries(foreign.map((f) => [f, 'club:editor.errors.lenderKommune'])) };
  const kr = (n: number) => Math.round(n * 100);
  const costs = input.costs.map((c) => ({ kind: c.kind, amountOre: c.kind === 'dugnad' ? 0 : kr(c.amount ?? 0), period: c.period, optional: c.optional, hours: c.kind === 'dugnad' ? (c.hours ?? 0) : null }));
  const equipment = input.equipment.map((e) => ({ item: e.item, required: e.required, source: e.source, lenderId: e.source === 'lend' ? e.lenderId : null, typicalPriceOre: e.price === null ? null : kr(e.price) }));
  const schemes = input.schemes.length
    ? await q.select({ id: s.supportScheme.id, kind: s.supportScheme.kind }).from(s.supportScheme).where(and(eq(s.supportScheme.kommuneId, org.kommuneId), inArray(s.supportScheme.id, input.schemes)))
    : [];
  const freePlaceScheme = (await q.select({ id: s.supportScheme.id }).from(s.supportScheme).where(and(eq(s.supportScheme.kommuneId, org.kommuneId), eq(s.supportScheme.kind, 'free_place'))))[0];
  const freePlaces = input.freePlaces ?? 0;
  return inTransaction(outer, async (tx) => {
    let venueId = typeof input.venueId === 'number' ? input.venueId : null;
    if (venueId) {
      const [v] = await tx.select({ id: s.venue.id }).from(s.venue).where(and(eq(s.venue.id, venueId), eq(s.venue.kommuneId, org.kommuneId)));
      if (!v) venueId = null;
    }
    if (input.venueId === 'new') {
      const lat = Number(input.venue.lat);
      const lon = Number(input.venue.lon);
      // The new venue belongs to the kommune's area whose centre is nearest, so area filters find it.
      const areas = await tx.select().from(s.area).where(eq(s.area.kommuneId, org.kommuneId));
      const nearest = areas.sort((x, y) => (x.lat - lat) ** 2 + ((x.lon - lon) * 0.5) ** 2 - ((y.lat - lat) ** 2 + ((y.lon - lon) * 0.5) ** 2))[0];
      const [v] = await tx
        .insert(s.venue)
        .values({ kommuneId: org.kommuneId, areaId: nearest?.id ?? null, name: input.venue.name, address: input.venue.address, postcode: input.venue.postcode, place: input.venue.place, lat, lon, stepFree: input.venue.stepFree })
        .returning({ id: s.venue.id });
      venueId = v.id;
    }
    const [venueRow] = venueId ? await tx.select().from(s.venue).where(eq(s.venue.id, venueId)) : [];
    const support = [
      ...schemes.filter((x) => x.kind !== 'free_place').map((x) => ({ schemeId: x.id, freePlacesPerSeason: 0 })),
      ...(freePlaces > 0 && freePlaceScheme ? [{ schemeId: freePlaceScheme.id, freePlacesPerSeason: freePlaces }] : []),
    ];
    const values = {
      organisationId,
      kommuneId: org.kommuneId,
      venueId,
      areaId: venueRow?.areaId ?? null,
      category: input.category,
      categoryOther: input.category === OTHER_CATEGORY ? input.categoryOther : null,
      title: input.title,
      description: input.description,
      firstTimeInfo: input.firstTimeInfo,
      whatToBring: input.whatToBring,
      ageMin: input.ageMin,
      ageMax: input.ageMax,
      gender: input.gender,
      level: input.level,
      leaderLanguages: [...new Set(['nb', ...input.leaderLanguages])],
      adaptations: [...new Set([...input.adaptations, ...(venueRow?.stepFree ? ['step_free' as const] : [])])],
      trialSession: input.trialSession,
      dropIn: input.dropIn,
      openForNew: input.openForNew,
      // A waiting list only means something while the activity is full.
      waitingList: !input.openForNew && input.waitingList,
      capacity: input.capacity,
      seasonStart: input.seasonStart,
      seasonEnd: input.seasonEnd,
      contactName: input.contactName || null,
      contactEmail: input.contactEmail || null,
      contactPhone: input.contactPhone || null,
      updatedAt: new Date(),
      ...derivedActivityFields({ title: input.title, category: input.category, categoryOther: input.category === OTHER_CATEGORY ? input.categoryOther : null, organisationName: org.name, costs: costs as never, equipment: equipment as never, freePlaces, supportSchemes: support.length }),
    };
    let id = activityId;
    if (id) {
      await tx.update(s.activity).set(values).where(eq(s.activity.id, id));
      for (const table of [s.activityCost, s.activityEquipment, s.activitySession, s.activitySupport]) await tx.delete(table).where(eq(table.activityId, id));
    } else {
      const [row] = await tx.insert(s.activity).values({ ...values, slug: `${slugify(`${input.title} ${org.name}`)}-${newToken(3).toLowerCase().replace(/[^a-z0-9]/g, '')}`, status: 'draft' }).returning({ id: s.activity.id });
      id = row.id;
    }
    const activityIdNow = id!;
    if (costs.length) await tx.insert(s.activityCost).values(costs.map((c) => ({ ...c, activityId: activityIdNow })));
    if (equipment.length) await tx.insert(s.activityEquipment).values(equipment.map((e) => ({ ...e, activityId: activityIdNow })));
    // A translation of an item the activity no longer lists would be shown nowhere but still be searched.
    const items = [...new Set(equipment.map((e) => equipmentField(e.item)))];
    await tx
      .delete(s.translation)
      .where(and(eq(s.translation.entity, 'activity'), eq(s.translation.entityId, activityIdNow), like(s.translation.field, 'equipment:%'), items.length ? notInArray(s.translation.field, items) : undefined));
    await reindexActivityTranslations(tx, [activityIdNow]);
    if (input.sessions.length) await tx.insert(s.activitySession).values(input.sessions.map((x) => ({ weekday: x.weekday, startTime: x.start, endTime: x.end, activityId: activityIdNow })));
    const breaks = [...new Set(input.noSessionDates)];
    if (breaks.length) await tx.insert(s.activitySession).values(breaks.map((date) => ({ date, cancelled: true, activityId: activityIdNow })));
    if (support.length) await tx.insert(s.activitySupport).values(support.map((x) => ({ ...x, activityId: activityIdNow })));
    await audit({ actorUserId, action: activityId ? 'activity.updated' : 'activity.created', entity: 'activity', entityId: String(activityIdNow) }, tx);
    return { ok: true as const, id: activityIdNow };
  });
}

/** Everything the editor shows for one activity, or null when it is not this organisation's. */
export async function editorData(organisationId: number, activityId: number) {
  const a = await activityOf(organisationId, activityId);
  if (!a) return null;
  const [costs, equipment, sessions, support, translations] = await Promise.all([
    db().select().from(s.activityCost).where(eq(s.activityCost.activityId, a.id)).orderBy(asc(s.activityCost.id)),
    db().select().from(s.activityEquipment).where(eq(s.activityEquipment.activityId, a.id)).orderBy(asc(s.activityEquipment.id)),
    db().select().from(s.activitySession).where(eq(s.activitySession.activityId, a.id)).orderBy(asc(s.activitySession.weekday)),
    db().select().from(s.activitySupport).where(eq(s.activitySupport.activityId, a.id)),
    db().select({ field: s.translation.field, language: s.translation.language }).from(s.translation).where(and(eq(s.translation.entity, 'activity'), eq(s.translation.entityId, a.id))),
  ]);
  return { activity: a, costs, equipment, sessions, support, translations };
}

/** Venues, lenders and schemes of the organisation's kommune, for the editor's choices. */
export async function editorChoices(organisationId: number) {
  const [org] = await db().select().from(s.organisation).where(eq(s.organisation.id, organisationId));
  if (!org) return null;
  const [venues, lenders, schemes] = await Promise.all([
    db().select({ id: s.venue.id, name: s.venue.name, place: s.venue.place }).from(s.venue).where(eq(s.venue.kommuneId, org.kommuneId)).orderBy(asc(s.venue.name)),
    db().select({ id: s.equipmentLender.id, name: s.equipmentLender.name }).from(s.equipmentLender).where(eq(s.equipmentLender.kommuneId, org.kommuneId)).orderBy(asc(s.equipmentLender.name)),
    db().select({ id: s.supportScheme.id, name: s.supportScheme.name, kind: s.supportScheme.kind }).from(s.supportScheme).where(and(eq(s.supportScheme.kommuneId, org.kommuneId), schemeInForce())),
  ]);
  // What each lender lends, offered as the club names equipment borrowed there.
  const items = await lenderItems(lenders.map((l) => l.id));
  return { organisation: { id: org.id, name: org.name, status: org.status, verified: Boolean(org.verifiedAt) }, venues, lenders: lenders.map((l) => ({ ...l, items: items.get(l.id) ?? [] })), schemes };
}

export const translationInput = z
  .object({
    language: z.enum(['nn', 'se', 'en', 'pl', 'lt', 'uk', 'ar', 'so', 'ti', 'ur']),
    title: z.string().trim().max(120, 'tooLong').default(''),
    description: z.string().trim().max(4000, 'tooLong').default(''),
    firstTimeInfo: z.string().trim().max(2000, 'tooLong').default(''),
    whatToBring: z.string().trim().max(1000, 'tooLong').default(''),
  })
  // Equipment items as `equipment.<n>`, in the order translatableTexts lists them (as long as an item may be).
  .catchall(z.string().trim().max(80, 'tooLong'));

type TranslationInput = z.infer<typeof translationInput>;

/**
 * Every text of an activity a club can translate, as the translation page lists them: the text fields
 * that are filled in, then each equipment item once. `key` is the translation's field.
 */
export async function translatableTexts(organisationId: number, activityId: number, executor: Executor = db()) {
  const a = await activityOf(organisationId, activityId, executor);
  if (!a) return null;
  const equipment = await executor.select({ item: s.activityEquipment.item }).from(s.activityEquipment).where(eq(s.activityEquipment.activityId, a.id)).orderBy(asc(s.activityEquipment.id));
  const fields = translatableFields.filter((f) => a[f]).map((f) => ({ key: f as string, kind: f as string, original: a[f], input: f as string }));
  const items = [...new Set(equipment.map((e) => e.item))].map((item, i) => ({ key: equipmentField(item), kind: 'equipment', original: item, input: `equipment.${i}` }));
  return [...fields, ...items];
}

/** For each language: which of the activity's texts have no translation yet. */
export async function translationOverview(organisationId: number, activityId: number) {
  const texts = await translatableTexts(organisationId, activityId);
  if (!texts) return null;
  const done = await db().select({ field: s.translation.field, language: s.translation.language }).from(s.translation).where(and(eq(s.translation.entity, 'activity'), eq(s.translation.entityId, activityId)));
  const languages = translationInput.shape.language.options;
  return {
    texts,
    languages: languages.map((language) => ({ language, missing: texts.filter((x) => !done.some((d) => d.language === language && d.field === x.key)).map((x) => x.key) })),
  };
}

/** Saves a language's translations of the texts; an emptied field removes its translation. */
export async function saveTranslations(organisationId: number, activityId: number, actorUserId: string, input: TranslationInput) {
  // The texts, the search index and the audit entry: all or nothing.
  const saved = await inTransaction(undefined, async (tx) => {
    const texts = await translatableTexts(organisationId, activityId, tx);
    if (!texts) return false;
    for (const x of texts) {
      const given = (input as Record<string, string | undefined>)[x.input];
      // A form without an item's input (the item was added since the page was opened) leaves it alone.
      if (given === undefined) continue;
      const text = given.trim();
      const where = and(eq(s.translation.entity, 'activity'), eq(s.translation.entityId, activityId), eq(s.translation.language, input.language), eq(s.translation.field, x.key));
      if (!text) await tx.delete(s.translation).where(where);
      else
        await tx
          .insert(s.translation)
          .values({ entity: 'activity', entityId: activityId, field: x.key, language: input.language, text, source: 'club' })
          .onConflictDoUpdate({ target: [s.translation.entity, s.translation.entityId, s.translation.language, s.translation.field], set: { text, updatedAt: new Date() } });
    }
    await reindexActivityTranslations(tx, [activityId]);
    await audit({ actorUserId, action: 'activity.translated', entity: 'activity', entityId: String(activityId), detail: { language: input.language } }, tx);
    return true;
  });
  return saved;
}

/** A language's translations of the activity: field (title, …, `equipment:<item>`) → text. */
export async function translationsOf(activityId: number, language: string) {
  const rows = await db().select().from(s.translation).where(and(eq(s.translation.entity, 'activity'), eq(s.translation.entityId, activityId), eq(s.translation.language, language)));
  return Object.fromEntries(rows.map((r) => [r.field, r.text])) as Record<string, string>;
}
