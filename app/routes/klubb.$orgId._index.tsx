import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { changeLifecycle, clubActivities, lifecycleInput } from '~/domain/club/activities.server';
import { getOrganisation } from '~/domain/club/organisations.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { idParam, parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { bokmal, LocalTextInline } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const org = await getOrganisation(orgId);
  if (!org) throw new Response('Not found', { status: 404 });
  const locale = await getLocale(request);
  const [activities, t] = await Promise.all([clubActivities(orgId), getFixedT(locale, 'club')]);
  return json(
    {
      organisation: { id: org.id, name: org.name, status: org.status, verified: Boolean(org.verifiedAt), registerFlag: org.registerFlaggedAt ? org.registerStatus : null },
      activities: activities.map((a) => ({ ...a, lastConfirmed: a.lastConfirmedAt ? formatDate(a.lastConfirmedAt, locale, { dateStyle: 'medium' }) : null })),
      title: t('activities.title', { organisation: org.name }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const u = await requirePermission(request, 'edit:activity:own-organisation', { organisationId: orgId });
  const parsedInput = await parseForm(request, lifecycleInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  const id = await changeLifecycle(orgId, u.id, input);
  if (id === 'emailUnverified') return redirect(`/klubb/${orgId}?bekreft-epost=1`);
  if (!id) throw new Response('Not found', { status: 404 });
  if (input.intent === 'duplicate') return redirectWithFlash(`/klubb/${orgId}/aktiviteter/${id}`, 'club:editor.copied');
  return redirectWithFlash(`/klubb/${orgId}`, `club:activities.saved.${input.intent}`);
}

export default function ClubActivities() {
  const data = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation('club');
  const base = `/klubb/${data.organisation.id}`;
  return (
    <div className="page">
      <h1>{data.title}</h1>
      {!data.organisation.verified ? <p className="notice">{t('activities.unverified')}</p> : null}
      {data.organisation.registerFlag ? (
        <p className="notice" data-testid="register-flag">
          {t(`moderation.register.status.${data.organisation.registerFlag}`)}
        </p>
      ) : null}
      {search.get('bekreft-epost') ? (
        <div className="notice notice--warning" role="alert">
          <p>{t('activities.confirmEmailFirst')}</p>
          <Form method="post" action="/konto">
            <button type="submit" name="intent" value="resend-verification" className="button--secondary">
              {t('activities.resendVerification')}
            </button>
          </Form>
        </div>
      ) : null}
      <p className="account-nav">
        <AppLink to={`${base}/aktiviteter/ny`} className="button">
          {t('activities.new')}
        </AppLink>
        <AppLink to={`${base}/pameldinger`}>{t('activities.signups')}</AppLink>
        <AppLink to={`${base}/import`}>{t('activities.import')}</AppLink>
        <AppLink to={`${base}/medlemmer`}>{t('activities.members')}</AppLink>
        <AppLink to={`${base}/oppgjor`}>{t('activities.settlements')}</AppLink>
      </p>
      {data.activities.length === 0 ? <p>{t('activities.none')}</p> : null}
      <table className="data-table stack-table">
        <caption className="visually-hidden">{t('activities.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activities.activity')}</th>
            <th scope="col">{t('activities.status')}</th>
            <th scope="col">{t('activities.confirmed')}</th>
            <th scope="col">{t('activities.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.activities.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <AppLink to={`${base}/aktiviteter/${a.id}`}><LocalTextInline value={bokmal(a.title)} /></AppLink>
                {a.moderationNote ? <span className="hint"> {t('activities.rejected', { reason: a.moderationNote })}</span> : null}
              </th>
              <td data-label={t('activities.status')}>
                <span className="status">{a.expired ? t('activities.expired') : t(`activityStatus.${a.status}`)}</span>
                {a.needsConfirmation && !a.expired ? <span className="status status--waitlisted"> {t('activities.needsConfirmation')}</span> : null}
              </td>
              <td data-label={t('activities.confirmed')}>{a.lastConfirmed ?? '—'}</td>
              <td data-label={t('activities.actions')}>
                <Form method="post" className="inline-actions">
                  <input type="hidden" name="activityId" value={a.id} />
                  {a.status === 'published' ? (
                    <button type="submit" name="intent" value="confirm">
                      {t('activities.confirm')}
                    </button>
                  ) : null}
                  {a.status === 'draft' || a.status === 'archived' ? (
                    <button type="submit" name="intent" value="publish">
                      {t('activities.publish')}
                    </button>
                  ) : null}
                  {a.status === 'published' || a.status === 'pending' ? (
                    <button type="submit" name="intent" value="unpublish" className="button--secondary">
                      {t('activities.unpublish')}
                    </button>
                  ) : null}
                  <button type="submit" name="intent" value="duplicate" className="button--secondary">
                    {t('activities.duplicate')}
                  </button>
                  {a.status !== 'archived' ? (
                    <button type="submit" name="intent" value="archive" className="button--secondary">
                      {t('activities.archive')}
                    </button>
                  ) : null}
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
