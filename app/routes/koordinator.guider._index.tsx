import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { guideInvitationInput, inviteGuide, kommuneAreas, listGuides } from '~/domain/referral/guides.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { parseForm } from '~/utils/forms.server';
import { requireKommunePermission, redirectWithFlash } from '~/utils/session.server';
import { UserText } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'guides', 'catalogue'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { kommuneId } = await requireKommunePermission(request, 'manage:guide:own-kommune');
  const [guides, areas, t] = await Promise.all([listGuides(kommuneId), kommuneAreas(kommuneId), getLocale(request).then((l) => getFixedT(l, 'guides'))]);
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const rows = guides.map((g) => ({
    userId: g.userId, name: g.name, languages: g.profile.languages, areas: g.profile.areaIds.map((id) => areaName.get(id) ?? '').filter(Boolean),
    capacity: g.profile.capacity, load: g.load, volunteer: g.profile.volunteer, problems: g.problems,
  }));
  return json({ guides: rows, title: t('list.title') }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, kommuneId } = await requireKommunePermission(request, 'manage:guide:own-kommune');
  const parsed = await parseForm(request, guideInvitationInput);
  if (!parsed.ok) return parsed.response;
  await inviteGuide(kommuneId, user.id, parsed.data.email, await getLocale(request));
  return redirectWithFlash('/koordinator/guider', 'guides:list.invited');
}

export default function Guides() {
  const { guides } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(['guides', 'catalogue']);
  const errors = (data as { errors?: Record<string, string> } | undefined)?.errors;
  const values = (data as { values?: Record<string, string> } | undefined)?.values;
  return (
    <div className="page">
      <p className="breadcrumb">
        <AppLink to="/koordinator">{t('list.back')}</AppLink>
      </p>
      <h1>{t('list.title')}</h1>
      <p>{t('list.lead')}</p>
      {guides.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <table className="data-table stack-table">
          <caption className="visually-hidden">{t('list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.name')}</th>
              <th scope="col">{t('list.languages')}</th>
              <th scope="col">{t('list.areas')}</th>
              <th scope="col">{t('list.load')}</th>
              <th scope="col">{t('list.volunteer')}</th>
              <th scope="col">{t('list.status')}</th>
            </tr>
          </thead>
          <tbody>
            {guides.map((g) => (
              <tr key={g.userId}>
                <th scope="row">
                  <AppLink to={`/koordinator/guider/${g.userId}`} aria-label={t('list.edit', { name: g.name })}>
                    <UserText text={g.name} />
                  </AppLink>
                </th>
                <td data-label={t('list.languages')}>{g.languages.map((l) => t(`catalogue:languageName.${l}`, { defaultValue: l })).join(', ') || t('none')}</td>
                <td data-label={t('list.areas')}>{g.areas.join(', ') || t('none')}</td>
                <td data-label={t('list.load')}>{t('list.loadValue', { load: g.load, capacity: g.capacity })}</td>
                <td data-label={t('list.volunteer')}>{g.volunteer ? t('yes') : t('no')}</td>
                <td data-label={t('list.status')}>
                  {g.problems.length ? (
                    <ul className="plain-list">
                      {g.problems.map((p) => (
                        <li key={p}>{t(`problem.${p}`)}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="status status--accepted">{t('status.ready')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section>
        <h2>{t('invite.title')}</h2>
        <p>{t('invite.lead')}</p>
        <ErrorSummary errors={errors} />
        <Form method="post" className="form" noValidate>
          <Field name="email" type="email" label={t('invite.email')} autoComplete="off" required defaultValue={values?.email} error={errors?.email} />
          <div>
            <button type="submit">{t('invite.send')}</button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
