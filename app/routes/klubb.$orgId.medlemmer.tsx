import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { invitationInput, inviteMember, listMembers } from '~/domain/club/members.server';
import { getOrganisation } from '~/domain/club/organisations.server';
import { getLocale } from '~/i18n.server';
import { idParam, parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { Ltr, UserText } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club', 'account'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = idParam(params.orgId);
  await requirePermission(request, 'manage:members:own-organisation', { organisationId: orgId });
  const org = await getOrganisation(orgId);
  if (!org) throw new Response('Not found', { status: 404 });
  return json({ organisation: { id: org.id, name: org.name }, members: await listMembers(orgId) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const orgId = idParam(params.orgId);
  const u = await requirePermission(request, 'manage:members:own-organisation', { organisationId: orgId });
  const parsed = await parseForm(request, invitationInput);
  if (!parsed.ok) return parsed.response;
  await inviteMember(orgId, u.id, parsed.data, await getLocale(request));
  return redirectWithFlash(`/klubb/${orgId}/medlemmer`, 'club:members.invited');
}

export default function Members() {
  const { organisation, members } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(['club', 'account']);
  const errors = (data as { errors?: Record<string, string> } | undefined)?.errors;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <AppLink to={`/klubb/${organisation.id}`}>{t('editor.back', { organisation: organisation.name })}</AppLink>
      </p>
      <h1>{t('members.title', { organisation: organisation.name })}</h1>
      <ul className="plain-list">
        {members.map((m) => (
          <li key={m.id}>
            <UserText text={m.name} /> (<Ltr>{m.email}</Ltr>) · {t(`account:role.${m.role}`)}
          </li>
        ))}
      </ul>
      <h2>{t('members.invite')}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <Field name="email" type="email" label={t('account:field.email')} required error={errors?.email} />
        <div className="field">
          <label htmlFor="field-role">{t('members.role')}</label>
          <select id="field-role" name="role" defaultValue="club_editor">
            <option value="club_editor">{t('account:role.club_editor')}</option>
            <option value="club_admin">{t('account:role.club_admin')}</option>
          </select>
        </div>
        <div>
          <button type="submit">{t('members.send')}</button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
