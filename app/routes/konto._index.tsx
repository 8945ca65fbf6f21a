import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { resendVerification } from '~/domain/auth/accounts.server';
import { accountOverview } from '~/domain/club/organisations.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { destroyAllSessions, destroySession, requireUser, redirectWithFlash } from '~/utils/session.server';
import { bokmal, LocalTextInline } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account', 'club'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const u = await requireUser(request);
  const [overview, t] = await Promise.all([accountOverview(u.membership), getLocale(request).then((l) => getFixedT(l, 'account'))]);
  return json({ name: u.name, email: u.email, emailVerified: u.emailVerified, totpEnabled: u.totpEnabled, ...overview, title: t('account.title') });
}

export async function action({ request }: ActionFunctionArgs) {
  const u = await requireUser(request);
  const intent = (await request.formData()).get('intent');
  if (intent === 'resend-verification') {
    const sent = await resendVerification(u.id, await getLocale(request));
    return redirectWithFlash('/konto', sent ? 'account:account.verificationSent' : 'account:account.verificationLimit');
  }
  if (intent !== 'sign-out-everywhere') return json({ error: 'invalid' }, { status: 400 });
  await destroyAllSessions(u.id);
  return redirectWithFlash('/logg-inn', 'account:account.signedOutEverywhere', { headers: { 'Set-Cookie': await destroySession(request) } });
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  return (
    <div className="page narrow">
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedInAs', { name: data.name, email: data.email })}</p>
      {!data.emailVerified ? (
        <div className="notice">
          <p>{t('account.emailUnverified')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="resend-verification" className="button--secondary">
              {t('account.resendVerification')}
            </button>
          </Form>
        </div>
      ) : null}
      {data.organisations.length ? (
        <section aria-labelledby="clubs">
          <h2 id="clubs">{t('account.clubs')}</h2>
          <ul className="plain-list">
            {data.organisations.map((o) => (
              <li key={o.id}>
                <strong>
                  <LocalTextInline value={bokmal(o.name)} />
                </strong>{' '}
                <span className="status">{t(`organisationStatus.${o.status}`)}</span> · {t(`role.${o.role}`)}
                <br />
                <AppLink to={`/klubb/${o.id}`}>{t('account.activities')}</AppLink> · <AppLink to={`/klubb/${o.id}/pameldinger`}>{t('account.signups')}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.kommuner.length ? (
        <section aria-labelledby="kommuner">
          <h2 id="kommuner">{t('account.kommuner')}</h2>
          <ul className="plain-list">
            {data.kommuner.map((k) => (
              <li key={k.id}>
                <strong>{k.name}</strong> · {k.roles.map((r) => t(`role.${r}`)).join(', ')}
                <br />
                {k.roles.includes('referrer') || k.roles.includes('coordinator') ? <AppLink to="/henvisninger">{t('account.referrals')}</AppLink> : null}
                {k.roles.includes('coordinator') ? <> · <AppLink to="/koordinator">{t('account.queue')}</AppLink></> : null}
                {/* The kommune admin's list below has the dashboard too. */}
                {k.roles.includes('coordinator') && !k.roles.includes('kommune_admin') ? <> · <AppLink to={`/kommune/${k.slug}/innsikt`}>{t('account.insight')}</AppLink></> : null}
                {k.roles.includes('guide') ? <AppLink to="/guide">{t('account.guide')}</AppLink> : null}
                {k.roles.includes('kommune_admin') ? (
                  <>
                    {' '}
                    <AppLink to={`/kommune/${k.slug}/oppgjor`}>{t('account.settlement')}</AppLink> · <AppLink to={`/kommune/${k.slug}/personvern`}>{t('account.privacy')}</AppLink> · <AppLink to={`/kommune/${k.slug}/stotte`}>{t('account.supportSchemes')}</AppLink> ·{' '}
                    <AppLink to={`/kommune/${k.slug}/omrader`}>{t('account.areas')}</AppLink> · <AppLink to={`/kommune/${k.slug}/utstyr`}>{t('account.lenders')}</AppLink> ·{' '}
                    <AppLink to={`/kommune/${k.slug}/tilgjengelighet`}>{t('account.accessibilityReports')}</AppLink> · <AppLink to={`/kommune/${k.slug}/innsikt`}>{t('account.insight')}</AppLink>
                  </>
                ) : null}
                {k.roles.includes('kommune_admin') ? (
                  <>
                    <br />
                    <AppLink to={`/kommune/${k.slug}/moderering`}>{t('account.moderation')}</AppLink> · <AppLink to={`/kommune/${k.slug}/import`}>{t('club:import.kommuneLink')}</AppLink>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="security">
        <h2 id="security">{t('account.security')}</h2>
        <p>{data.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</p>
        {!data.totpEnabled ? (
          <p>
            <AppLink to="/konto/tofaktor">{t('account.totpSetup')}</AppLink>
          </p>
        ) : null}
        <div className="inline-actions">
          <Form method="post" action="/logg-ut">
            <button type="submit">{t('account.signOut')}</button>
          </Form>
          <Form method="post">
            <button type="submit" name="intent" value="sign-out-everywhere" className="button--secondary">
              {t('account.signOutEverywhere')}
            </button>
          </Form>
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
