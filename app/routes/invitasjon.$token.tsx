import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { acceptInput, acceptInvitation, invitationInfo } from '~/domain/club/members.server';
import { formError, parseForm } from '~/utils/forms.server';
import { createSession, getSessionUser, loadMembership, needsSecondFactor } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { OidcButtons } from '~/components/oidc-buttons';
import { invitationKommuneSlug, providersForKommune } from '~/domain/auth/oidc.server';

export const handle = { i18n: ['common', 'club', 'account', 'guides'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const info = await invitationInfo(params.token ?? '');
  const current = await getSessionUser(request);
  const providers = info ? providersForKommune(await invitationKommuneSlug(params.token ?? '')) : [];
  return json({ info, providers, token: params.token ?? '', signedIn: Boolean(current?.verified), path: new URL(request.url).pathname }, { status: info ? 200 : 404, headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, acceptInput);
  if (!parsed.ok) return parsed.response;
  const current = await getSessionUser(request);
  const result = await acceptInvitation(params.token ?? '', parsed.data, current?.verified ? current.id : null);
  if (!result.ok) return formError({ [result.field]: result.error }, { name: parsed.data.name ?? '' });
  // Someone signed in who now holds a role that needs a second factor and has none sets it up next.
  if (current) return redirect(!current.totpEnabled && needsSecondFactor(await loadMembership(current.id)) ? '/konto/tofaktor' : '/konto');
  // A new guide or kommune admin will see children's data: the account sets up its second factor before anything else.
  const secondStep = needsSecondFactor(await loadMembership(result.userId));
  return redirect(secondStep ? '/konto/tofaktor' : '/konto', { headers: { 'Set-Cookie': await createSession(result.userId, !secondStep) } });
}

export default function Invitation() {
  const { info, providers, token, signedIn, path } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation(['club', 'account', 'guides']);
  const errors = (data as { errors?: Record<string, string> } | undefined)?.errors;
  if (!info) {
    return (
      <div className="page narrow">
        <h1>{t('members.invalid')}</h1>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>
        {info.role === 'kommune_admin'
          ? t('account:invitation.adminTitle', { kommune: info.kommuneName })
          : info.kommuneName !== null
            ? t('guides:invitation.joinTitle', { kommune: info.kommuneName })
            : t('members.joinTitle', { organisation: info.organisationName })}
      </h1>
      <p>{t('members.joinLead', { email: info.email })}</p>
      {info.role === 'kommune_admin' ? <p>{t('account:invitation.adminLead')}</p> : info.kommuneName !== null ? <p>{t('guides:invitation.joinLead')}</p> : null}
      <ErrorSummary errors={errors} />
      {info.hasAccount && !signedIn ? (
        <p>
          <AppLink to={`/logg-inn?neste=${encodeURIComponent(path)}`}>{t('members.signInFirst')}</AppLink>
        </p>
      ) : (
        <Form method="post" className="form" noValidate>
          {!info.hasAccount ? (
            <>
              <Field name="name" label={t('account:register.contactName')} autoComplete="name" required error={errors?.name} />
              <Field name="password" type="password" label={t('account:field.newPassword')} hint={t('account:password.hint')} autoComplete="new-password" required error={errors?.password} />
            </>
          ) : null}
          <div>
            <button type="submit">{t('members.join')}</button>
          </div>
        </Form>
      )}
      {!signedIn ? <OidcButtons providers={providers} next="/konto" invitation={token} /> : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
