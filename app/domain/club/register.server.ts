import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { kommuneMember } from '../../../db/schema/membership';
import { organisation, registerFeedCursor } from '../../../db/schema/organisation';
import { user } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { env } from '../../utils/env.server';
import { log } from '../../utils/log.server';
import { inTransaction, type Executor } from '../../utils/transaction.server';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';

// Enhetsregisteret's open API (data.brreg.no, NLOD licence). Only the fields we use are parsed; zod
// drops the rest. An organisation number is not personal data, an address may be: addresses are never logged.

export const LOOKUP_TIMEOUT_MS = 3_000;

const address = z
  .object({
    adresse: z.array(z.string()).optional().default([]),
    postnummer: z.string().optional(),
    poststed: z.string().optional(),
    kommunenummer: z.string().optional(),
    kommune: z.string().optional(),
  })
  .optional();

const unit = z.object({
  organisasjonsnummer: z.string(),
  navn: z.string(),
  organisasjonsform: z.object({ kode: z.string(), beskrivelse: z.string().optional() }).optional(),
  forretningsadresse: address,
  postadresse: address,
  registrertIFrivillighetsregisteret: z.boolean().optional().default(false),
  konkurs: z.boolean().optional().default(false),
  underAvvikling: z.boolean().optional().default(false),
  underTvangsavviklingEllerTvangsopplosning: z.boolean().optional().default(false),
  slettedato: z.string().optional(),
});

export type RegisterStatus = 'active' | 'deleted' | 'bankrupt' | 'dissolving' | 'not_found' | 'unchecked';

export type Lookup =
  | { status: 'found'; name: string; address: string | null; kommunenummer: string | null; voluntaryRegistered: boolean; bankrupt: boolean; dissolving: boolean; deleted: boolean }
  | { status: 'not_found' }
  | { status: 'unreachable' };

function formatAddress(a: z.infer<typeof address>) {
  if (!a) return null;
  const line = [...a.adresse, [a.postnummer, a.poststed].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return line || null;
}

function baseUrl() {
  return env().BRREG_URL.replace(/\/$/, '');
}

async function getJson(path: string, timeoutMs: number) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  const body: unknown = response.headers.get('content-type')?.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, body };
}

/** What the register says about one organisation number, within LOOKUP_TIMEOUT_MS. */
export async function lookupOrganisation(orgnr: string, timeoutMs = LOOKUP_TIMEOUT_MS): Promise<Lookup> {
  if (!/^\d{9}$/.test(orgnr)) return { status: 'not_found' };
  try {
    const { status, body } = await getJson(`/enhetsregisteret/api/enheter/${orgnr}`, timeoutMs);
    if (status === 404 || status === 400) return { status: 'not_found' };
    if (status === 410) {
      // Deleted: the API answers 410 Gone with only the number and `slettedato` left.
      return { status: 'found', name: '', address: null, kommunenummer: null, voluntaryRegistered: false, bankrupt: false, dissolving: false, deleted: true };
    }
    if (status !== 200) {
      log.warn('register.lookup_failed', { orgnr, status });
      return { status: 'unreachable' };
    }
    const parsed = unit.safeParse(body);
    if (!parsed.success) {
      log.warn('register.lookup_unparsable', { orgnr });
      return { status: 'unreachable' };
    }
    const u = parsed.data;
    const a = u.forretningsadresse ?? u.postadresse;
    return {
      status: 'found',
      name: u.navn,
      address: formatAddress(a),
      kommunenummer: a?.kommunenummer ?? null,
      voluntaryRegistered: u.registrertIFrivillighetsregisteret,
      bankrupt: u.konkurs,
      dissolving: u.underAvvikling || u.underTvangsavviklingEllerTvangsopplosning,
      deleted: Boolean(u.slettedato),
    };
  } catch {
    log.warn('register.unreachable', { orgnr });
    return { status: 'unreachable' };
  }
}

/** The one status word stored on the organisation for a lookup. */
export function statusOf(l: Lookup): RegisterStatus {
  if (l.status === 'not_found') return 'not_found';
  if (l.status === 'unreachable') return 'unchecked';
  if (l.deleted) return 'deleted';
  if (l.bankrupt) return 'bankrupt';
  if (l.dissolving) return 'dissolving';
  return 'active';
}

/** The columns to store for a lookup (an unreachable register leaves what was known, only as unchecked when nothing was). */
export function registerColumns(l: Lookup, now = new Date()) {
  if (l.status === 'unreachable') return { registerStatus: 'unchecked' as const };
  if (l.status === 'not_found') return { registerStatus: 'not_found' as const, registerCheckedAt: now, voluntaryRegistered: null, registerName: null, registerAddress: null };
  return { registerStatus: statusOf(l), registerCheckedAt: now, voluntaryRegistered: l.voluntaryRegistered, registerName: l.name || null, registerAddress: l.address };
}

const flagged = (s: RegisterStatus) => s === 'deleted' || s === 'bankrupt' || s === 'dissolving';

/** The club the kommune admin asks to check again. */
export const recheckInput = z.object({ organisationId: z.coerce.number().int().positive() });

/** The kommune admin's "check again now" for one organisation of their kommune; false when it is not theirs. */
export async function recheckOrganisation(kommuneId: number, organisationId: number, actorUserId: string, now = new Date()) {
  const [org] = await db().select().from(organisation).where(and(eq(organisation.id, organisationId), eq(organisation.kommuneId, kommuneId)));
  if (!org) return { ok: false as const, reason: 'not_found' };
  if (!org.orgnr) return { ok: false as const, reason: 'no_orgnr' };
  const l = await lookupOrganisation(org.orgnr);
  if (l.status === 'unreachable') return { ok: false as const, reason: 'unreachable' };
  await inTransaction(undefined, async (tx) => {
    await tx.update(organisation).set(registerColumns(l, now)).where(eq(organisation.id, org.id));
    await audit({ actorUserId, action: 'organisation.register_checked', entity: 'organisation', entityId: String(org.id), detail: { status: statusOf(l) } }, tx);
  });
  return { ok: true as const, status: statusOf(l) };
}

const feedPage = z.object({
  _embedded: z.object({ oppdaterteEnheter: z.array(z.object({ oppdateringsid: z.number().int(), dato: z.string().optional(), organisasjonsnummer: z.string(), endringstype: z.string().optional() })) }).optional(),
  page: z.object({ size: z.number().optional(), totalElements: z.number().optional(), totalPages: z.number().optional(), number: z.number().optional() }).optional(),
});

const FEED_PAGE_SIZE = 100;
const FEED_MAX_PAGES = 50;

/** How long a server may take over a recheck before another may start it again (it renews as it goes). */
export const RECHECK_LEASE_MS = 30 * 60 * 1000;

/**
 * Takes the recheck when it is due (BRREG_RECHECK_EVERY_MS after the last finished run, so restarts do
 * not run it again) and nobody holds it: a lease on the cursor row, claimed in a short transaction with
 * FOR UPDATE SKIP LOCKED. The lease, not an open transaction, keeps other servers out while this one
 * waits for the register.
 */
async function claimRecheck(now: Date, everyMs: number) {
  return inTransaction(undefined, async (tx) => {
    const [cursor] = await tx.select().from(registerFeedCursor).where(eq(registerFeedCursor.id, 1)).for('update', { skipLocked: true });
    if (!cursor) return null;
    if (cursor.leasedUntil && cursor.leasedUntil > now) return null;
    if (cursor.checkedAt && now.getTime() - cursor.checkedAt.getTime() < everyMs) return null;
    await tx.update(registerFeedCursor).set({ leasedUntil: new Date(now.getTime() + RECHECK_LEASE_MS) }).where(eq(registerFeedCursor.id, 1));
    return cursor;
  });
}

const renewLease = () => db().update(registerFeedCursor).set({ leasedUntil: new Date(Date.now() + RECHECK_LEASE_MS) }).where(eq(registerFeedCursor.id, 1));

/**
 * The weekly recheck: reads the update feed from the stored cursor (or from today when there is none),
 * re-fetches each changed unit that is an approved organisation, stores what the register says, flags
 * deleted / bankrupt / dissolving clubs and mails the kommune's admins once per new flag. Each club is
 * written in its own short transaction; the cursor moves on only when every changed club is done, so a
 * run that fails (the register goes away) is taken again from the same place once its lease is given up.
 */
export async function registerRecheck(now = new Date(), everyMs = env().BRREG_RECHECK_EVERY_MS) {
  const cursor = await claimRecheck(now, everyMs);
  if (!cursor) return { skipped: true as const, changed: 0, flagged: 0 };
  try {
    const changes = new Map<string, number>();
    let last = cursor.lastUpdateId;
    const start = last == null ? `dato=${encodeURIComponent(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString())}` : `oppdateringsid=${last + 1}`;
    for (let page = 0; page < FEED_MAX_PAGES; page++) {
      const { status, body } = await getJson(`/enhetsregisteret/api/oppdateringer/enheter?${start}&size=${FEED_PAGE_SIZE}&page=${page}`, 10_000);
      if (status !== 200) throw new Error(`register feed answered ${status}`);
      const p = feedPage.parse(body);
      const rows = p._embedded?.oppdaterteEnheter ?? [];
      for (const r of rows) {
        changes.set(r.organisasjonsnummer, r.oppdateringsid);
        last = Math.max(last ?? 0, r.oppdateringsid);
      }
      if (!rows.length || page + 1 >= (p.page?.totalPages ?? 1)) break;
    }
    let flaggedCount = 0;
    const orgnrs = [...changes.keys()];
    const orgs = orgnrs.length ? await db().select().from(organisation).where(and(inArray(organisation.orgnr, orgnrs), eq(organisation.status, 'approved'))) : [];
    for (const [i, org] of orgs.entries()) {
      const l = await lookupOrganisation(org.orgnr!);
      if (l.status === 'unreachable') throw new Error('register unreachable during recheck');
      const next = statusOf(l);
      const newlyFlagged = await inTransaction(undefined, async (tx) => {
        // Read again under a lock: the kommune admin's "check again" may have written since the list was read.
        const [current] = await tx.select().from(organisation).where(eq(organisation.id, org.id)).for('update');
        if (!current) return false;
        const isNew = flagged(next) && !(flagged(current.registerStatus) && current.registerFlaggedAt);
        await tx
          .update(organisation)
          .set({ ...registerColumns(l, now), registerFlaggedAt: flagged(next) ? (current.registerFlaggedAt ?? now) : null })
          .where(eq(organisation.id, org.id));
        if (isNew) {
          await audit({ actorUserId: null, action: 'organisation.register_flagged', entity: 'organisation', entityId: String(org.id), detail: { status: next } }, tx);
          await mailAdmins(tx, org.kommuneId, org.name, next);
        }
        return isNew;
      });
      if (newlyFlagged) flaggedCount++;
      if (i % 20 === 19) await renewLease();
    }
    await db().update(registerFeedCursor).set({ lastUpdateId: last ?? null, updatedAt: now, checkedAt: now, leasedUntil: null }).where(eq(registerFeedCursor.id, 1));
    log.info('register.recheck', { changed: changes.size, organisations: orgs.length, flagged: flaggedCount });
    return { skipped: false as const, changed: changes.size, flagged: flaggedCount };
  } catch (error) {
    // Given up at once, so the next tick (hourly) tries again from the same cursor.
    await db().update(registerFeedCursor).set({ leasedUntil: null }).where(eq(registerFeedCursor.id, 1));
    throw error;
  }
}

async function mailAdmins(tx: Executor, kommuneId: number, organisationName: string, status: RegisterStatus) {
  const [k] = await tx.select({ name: kommune.name, slug: kommune.slug }).from(kommune).where(eq(kommune.id, kommuneId));
  const admins = await tx
    .select({ email: user.email, language: user.preferredLanguage })
    .from(kommuneMember)
    .innerJoin(user, eq(user.id, kommuneMember.userId))
    .where(and(eq(kommuneMember.kommuneId, kommuneId), eq(kommuneMember.role, 'kommune_admin')));
  for (const a of admins) await enqueue({ to: a.email, template: 'register-flag', language: a.language || 'nb', params: { organisation: organisationName, kommune: k?.name ?? '', context: status, path: `/kommune/${k?.slug}/moderering` } }, tx);
}

/** Flagged approved organisations of a kommune, for the moderation page. */
export async function flaggedOrganisations(kommuneId: number) {
  return db()
    .select({ id: organisation.id, name: organisation.name, orgnr: organisation.orgnr, registerStatus: organisation.registerStatus, registerFlaggedAt: organisation.registerFlaggedAt })
    .from(organisation)
    .where(and(eq(organisation.kommuneId, kommuneId), eq(organisation.status, 'approved'), sql`${organisation.registerFlaggedAt} is not null`));
}
