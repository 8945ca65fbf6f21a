import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { kommune } from '../../../db/schema/kommune';
import { organisationMember } from '../../../db/schema/membership';
import { organisation } from '../../../db/schema/organisation';
import { user } from '../../../db/schema/user';
import { db } from '../../utils/db.server';
import { inTransaction } from '../../utils/transaction.server';
import type { Membership } from '../auth/permissions';
import { audit } from '../audit.server';
import { enqueue } from '../notifications/outbox.server';

/** What the account page lists: the user's clubs and kommuner, with names. */
export async function accountOverview(m: Membership) {
  const orgIds = m.organisations.map((o) => o.organisationId);
  const kommuneIds = m.kommuner.map((k) => k.kommuneId);
  const [orgs, kommuner] = await Promise.all([
    orgIds.length ? db().select({ id: organisation.id, name: organisation.name, status: organisation.status, slug: organisation.slug }).from(organisation).where(inArray(organisation.id, orgIds)).orderBy(asc(organisation.name)) : [],
    kommuneIds.length ? db().select({ id: kommune.id, name: kommune.name, slug: kommune.slug }).from(kommune).where(inArray(kommune.id, kommuneIds)) : [],
  ]);
  return {
    organisations: orgs.map((o) => ({ ...o, role: m.organisations.find((x) => x.organisationId === o.id)!.role })),
    kommuner: kommuner.map((k) => ({ ...k, roles: m.kommuner.filter((x) => x.kommuneId === k.id).map((x) => x.role) })),
  };
}

export async function getOrganisation(id: number) {
  const [row] = await db().select().from(organisation).where(eq(organisation.id, id));
  return row ?? null;
}

export async function kommuneBySlug(slug: string) {
  const [row] = await db().select().from(kommune).where(eq(kommune.slug, slug));
  return row ?? null;
}

/** The kommune named in an address, or a 404. */
export async function requireKommuneBySlug(slug: string | undefined) {
  const k = slug ? await kommuneBySlug(slug) : null;
  if (!k) throw new Response('Not found', { status: 404 });
  return k;
}

export async function pendingOrganisations(kommuneId: number) {
  return db()
    .select({ id: organisation.id, name: organisation.name, orgnr: organisation.orgnr, contactEmail: organisation.contactEmail, createdAt: organisation.createdAt, registerStatus: organisation.registerStatus, registerName: organisation.registerName, voluntaryRegistered: organisation.voluntaryRegistered })
    .from(organisation)
    .where(and(eq(organisation.kommuneId, kommuneId), eq(organisation.status, 'pending')))
    .orderBy(asc(organisation.createdAt));
}

export const organisationDecisionInput = z
  .object({
    organisationId: z.coerce.number().int().positive(),
    decision: z.enum(['approve', 'reject'], { message: 'required' }),
    reason: z.string().trim().max(500, 'tooLong').optional(),
  })
  .refine((v) => v.decision === 'approve' || Boolean(v.reason), { message: 'reasonRequired', path: ['reason'] });

/**
 * The kommune admin approves or rejects a new club (a reason is required to reject); both are audited,
 * and the club's admins get an e-mail that says which it was and what to do next (email.json,
 * `organisation-decision` with the context `approved` or `rejected`). One transaction: the decision,
 * its audit event and the e-mails stand or fall together.
 */
export async function decideOrganisation(kommuneId: number, actorUserId: string, input: z.infer<typeof organisationDecisionInput>) {
  return inTransaction(undefined, async (tx) => {
    const [org] = await tx
      .update(organisation)
      .set(input.decision === 'approve' ? { status: 'approved', verifiedAt: new Date() } : { status: 'rejected' })
      .where(and(eq(organisation.id, input.organisationId), eq(organisation.kommuneId, kommuneId), eq(organisation.status, 'pending')))
      .returning();
    if (!org) return false;
    await audit({ actorUserId, action: `organisation.${input.decision}`, entity: 'organisation', entityId: String(org.id), detail: input.reason ? { reason: input.reason } : undefined }, tx);
    const [k] = await tx.select({ name: kommune.name }).from(kommune).where(eq(kommune.id, kommuneId));
    const admins = await tx
      .select({ email: user.email, language: user.preferredLanguage })
      .from(organisationMember)
      .innerJoin(user, eq(user.id, organisationMember.userId))
      .where(and(eq(organisationMember.organisationId, org.id), eq(organisationMember.role, 'club_admin')));
    // i18next picks `subject_approved` / `body_rejected` … from the `context` param.
    const params = { organisation: org.name, kommune: k?.name ?? '', context: input.decision === 'approve' ? 'approved' : 'rejected', reason: input.reason ?? '', path: input.decision === 'approve' ? `/klubb/${org.id}` : '/konto' };
    for (const a of admins) await enqueue({ to: a.email, template: 'organisation-decision', language: a.language, params }, tx);
    return true;
  });
}
