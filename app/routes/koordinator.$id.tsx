import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { FollowUpTable } from '~/components/guide/casework';
import { followUpPlan } from '~/domain/referral/follow-ups.server';
import { assignedGuideName, auditTrail, rankedGuidesFor } from '~/domain/referral/casework.server';
import { getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { assignGuide, mayRead, readReferral, withdrawConsent } from '~/domain/referral/referral.server';
import { idParam } from '~/utils/forms.server';
import { requireKommunePermission, redirectWithFlash } from '~/utils/session.server';
import { UserText } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral', 'catalogue'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const { user, kommuneId } = await requireKommunePermission(request, 'read:referral:own-kommune');
  const referral = await readReferral({ userId: user.id, role: 'coordinator', kommuneId }, id, 'queue-item');
  if (!referral) throw new Response('Not found', { status: 404 });
  // Nobody to assign before consent, nor once the case has ended (assignGuide refuses a closed case).
  const guides = referral.status === 'awaiting_consent' || referral.status === 'closed' ? [] : await rankedGuidesFor(id);
  const locale = await getLocale(request);
  const trail = (await auditTrail(id)).map((e) => ({ ...e, at: formatDate(e.at, locale, { dateStyle: 'short', timeStyle: 'short' }) }));
  const [assigned, plan] = await Promise.all([assignedGuideName(id), followUpPlan(id)]);
  const date = (iso: string | null) => (iso ? formatDate(iso, locale, { dateStyle: 'medium' }) : null);
  return json(
    {
      referral, guides, trail,
      assigned: assigned && { name: assigned.name, since: formatDate(assigned.since, locale, { dateStyle: 'medium' }) },
      // The guide's follow-ups with their notes: the coordinator keeps the scheme running and sees how it goes.
      plan: plan.map((f) => ({ id: f.id, kind: f.kind, due: date(f.dueAt), done: date(f.doneAt), outcome: f.outcome, note: f.note, overdue: f.overdue })),
    }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { user, kommuneId } = await requireKommunePermission(request, 'assign:referral:own-kommune');
  const form = await request.formData();
  if (!(await mayRead({ userId: user.id, role: 'coordinator', kommuneId }, id))) throw new Response('Not found', { status: 404 });
  if (form.get('intent') === 'withdraw') {
    // Destructive: only with the box ticked that the guardian asked for it.
    if (form.get('confirm') !== 'on') return json({ error: 'confirm' }, { status: 400 });
    await withdrawConsent(id, user.id);
    return redirectWithFlash('/koordinator', 'referral:queue.withdrawnFlash');
  }
  const guideId = String(form.get('guide') ?? '');
  const choice = (await rankedGuidesFor(id)).find((g) => g.userId === guideId);
  if (!choice) return json({ error: 'invalid' }, { status: 400 });
  // The domain checks again that matching accepts this guide; a stale form gets a 400, not an assignment.
  if (!(await assignGuide(id, guideId, choice, user.id)).ok) return json({ error: 'invalid' }, { status: 400 });
  return redirectWithFlash(`/koordinator/${id}`, 'referral:queue.assignedFlash');
}

export default function QueueItem() {
  const { referral: r, guides, trail, assigned, plan } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['referral', 'catalogue']);
  const closed = r.status === 'closed';
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to="/koordinator">{t('queue.back')}</AppLink>
      </p>
      <h1>{t('queue.open', { id: r.id })}</h1>
      <p>
        <span className="status">{t(`status.${r.status}`)}</span>
      </p>
      <dl className="facts facts--wide">
        <div>
          <dt>{t('new.childFirstName')}</dt>
          <dd>{r.childFirstName} ({r.birthYear})</dd>
        </div>
        <div>
          <dt>{t('new.interests')}</dt>
          <dd>{r.interests.map((i) => t(`catalogue:category.${i}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.needs')}</dt>
          <dd>{r.needs.map((n) => t(`need.${n}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.guardianLanguage')}</dt>
          <dd>{t(`catalogue:languageName.${r.guardianLanguage}`, { defaultValue: r.guardianLanguage })}</dd>
        </div>
        <div>
          <dt>{t('queue.assignedGuide')}</dt>
          <dd>{assigned ? t('queue.assignedSince', { name: assigned.name, date: assigned.since }) : t(closed ? 'queue.assignedNoneClosed' : 'queue.noGuideYet')}</dd>
        </div>
      </dl>
      <h2>{t('guide.followUp')}</h2>
      <FollowUpTable plan={plan} />
      <h2>{t('queue.guides')}</h2>
      {r.status === 'awaiting_consent' ? <p>{t('queue.noConsentYet')}</p> : null}
      {closed ? <p>{t('queue.assignedClosed')}</p> : null}
      <ol className="result-list">
        {guides.map((g) => (
          <li key={g.userId} className="result-card guide-choice">
            <h3 className="result-card__title">
              <UserText text={g.name} /> · {t('queue.score', { score: g.score })}
            </h3>
            <ul className="badges">
              {g.reasons.map((reason, i) => (
                <li key={i} className="badge">
                  {t(`reason.${reason.key}`, { ...reason.params, language: reason.params?.language ? t(`catalogue:languageName.${reason.params.language}`) : undefined })}
                </li>
              ))}
            </ul>
            <Form method="post">
              <input type="hidden" name="guide" value={g.userId} />
              <button type="submit">{t('queue.assign')}</button>
            </Form>
          </li>
        ))}
      </ol>
      <details>
        <summary>{t('queue.auditLog')}</summary>
        {/* Stacks on a phone (app.css). */}
        <table className="data-table stack-table">
          <thead>
            <tr>
              <th scope="col">{t('queue.when')}</th>
              <th scope="col">{t('queue.who')}</th>
              <th scope="col">{t('queue.what')}</th>
            </tr>
          </thead>
          <tbody>
            {trail.map((e, i) => (
              <tr key={i}>
                <td data-label={t('queue.when')}>{e.at}</td>
                <td data-label={t('queue.who')}>{e.actor ?? t('queue.guardianOrSystem')}</td>
                <td data-label={t('queue.what')}>
                  {t(e.actionKey)}
                  {e.whatKey ? ` (${t(e.whatKey)})` : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {/* An ended case has no consent left to withdraw. */}
      {closed ? null : (
        <Form method="post" className="no-print">
          <input type="hidden" name="intent" value="withdraw" />
          <label className="checks">
            <span>
              <input type="checkbox" name="confirm" required /> {t('queue.withdrawConfirm')}
            </span>
          </label>
          <button type="submit" className="button--secondary">
            {t('queue.withdrawOnRequest')}
          </button>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
