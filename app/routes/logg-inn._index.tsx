import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { checkLogin, loginInput } from '~/domain/auth/accounts.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';
import { clientAddress, formError, parseForm } from '~/utils/forms.server';
import { safeNext } from '~/utils/redirect';
import { createSession, getSessionUser, loadMembership, needsSecondFactor } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { OidcButtons } from '~/components/oidc-buttons';
import { providerButtons } from '~/domain/auth/oidc.server';

export const handle = { i18n: ['common', 'account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const current = await getSessionUser(request);
  if (current?.verified) throw redirect(safeNext(url.searchParams.get('neste')));
  const t = await getFixedT(await getLocale(request), 'account');
  return json({ next: safeNext(url.searchParams.get('neste')), providers: providerButtons(), title: t('login.title'), description: await pageDescription(request, 'login') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsedInput = await parseForm(request, loginInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  const result = await checkLogin(input.email, input.password, clientAddress(context));
  if (!result.ok && result.reason === 'locked') {
    // Says to wait or to make a new password by e-mail: a lock-out never closes the reset.
    const locked = formError({ form: 'account:errors.loginLocked' }, { email: input.email }, 429);
    locked.headers.set('Retry-After', String(result.retryAfterSeconds));
    return locked;
  }
  if (!result.ok) return formError({ form: 'loginFailed' }, { email: input.email });
  const membership = await loadMembership(result.userId);
  const secondStep = result.totpEnabled || needsSecondFactor(membership);
  const cookie = await createSession(result.userId, !secondStep);
  const next = safeNext(input.next);
  const target = !secondStep ? next : result.totpEnabled ? `/logg-inn/kode?neste=${encodeURIComponent(next)}` : `/konto/tofaktor?neste=${encodeURIComponent(next)}`;
  return redirect(target, { headers: { 'Set-Cookie': cookie } });
}

export default function Login() {
  const { next, providers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const errors = data?.errors as Record<string, string> | undefined;
  return (
    <div className="page narrow">
      <h1>{t('login.title')}</h1>
      <p>{t('login.lead')}</p>
      <ErrorSummary errors={errors} labels={{ email: t('field.email'), password: t('field.password') }} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="next" value={next} />
        <Field name="email" type="email" label={t('field.email')} autoComplete="username" required defaultValue={data?.values?.email} error={errors?.email} />
        <Field name="password" type="password" label={t('field.password')} autoComplete="current-password" required error={errors?.password} />
        <div>
          <button type="submit">{t('login.submit')}</button>
        </div>
      </Form>
      <OidcButtons providers={providers} next={next} />
      <p>
        <AppLink to="/glemt-passord">{t('login.forgot')}</AppLink>
      </p>
      <p>
        {t('login.newClub')} <AppLink to="/registrer-klubb">{t('login.register')}</AppLink>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;
