import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { enableTotp, newTotpSecret, totpFor, totpSetupInput as setupInput } from '~/domain/auth/accounts.server';
import { formError, parseForm } from '~/utils/forms.server';
import { safeNext } from '~/utils/redirect';
import { getSessionUser, markSessionVerified } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account'] };

// Reachable before the second step is passed: a user whose role needs a second factor sets it up here.
export async function loader({ request }: LoaderFunctionArgs) {
  const u = await getSessionUser(request);
  if (!u) throw redirect('/logg-inn?neste=/konto/tofaktor');
  if (u.totpEnabled) throw redirect(u.verified ? '/konto' : '/logg-inn/kode');
  const secret = newTotpSecret();
  return json({ secret, uri: totpFor(secret, u.email).toString(), next: safeNext(new URL(request.url).searchParams.get('neste')) });
}

export async function action({ request }: ActionFunctionArgs) {
  const u = await getSessionUser(request);
  if (!u) throw redirect('/logg-inn');
  if (u.totpEnabled) throw redirect('/konto');
  const parsedInput = await parseForm(request, setupInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  const codes = await enableTotp(u.id, input.secret, input.code);
  if (!codes) return formError({ code: 'code' }, { secret: input.secret });
  await markSessionVerified(u.sessionHash);
  return json({ recoveryCodes: codes, next: safeNext(input.next) });
}

// Once the action has turned the factor on, the loader would redirect away (totpEnabled) and, with
// JavaScript, take the recovery codes off the screen before anyone could write them down.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, actionResult, defaultShouldRevalidate }) =>
  formMethod === 'POST' && actionResult && 'recoveryCodes' in actionResult ? false : defaultShouldRevalidate;

export default function TotpSetup() {
  const { secret, uri, next } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  if (data && 'recoveryCodes' in data) {
    return (
      <div className="page narrow">
        <h1>{t('totp.doneTitle')}</h1>
        <p className="success">{t('totp.done')}</p>
        <h2>{t('totp.recoveryTitle')}</h2>
        <p>{t('totp.recoveryLead')}</p>
        <ul className="plain-list recovery-codes">
          {data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <AppLink to={data.next}>{t('totp.continue')}</AppLink>
        </p>
      </div>
    );
  }
  const errors = data && 'errors' in data ? (data.errors as Record<string, string>) : undefined;
  const shownSecret = (data && 'values' in data && data.values?.secret) || secret;
  return (
    <div className="page narrow">
      <h1>{t('totp.title')}</h1>
      <p>{t('totp.lead')}</p>
      <ol>
        <li>{t('totp.step1')}</li>
        <li>
          {t('totp.step2')} <code className="secret">{shownSecret}</code>
        </li>
        <li>{t('totp.step3')}</li>
      </ol>
      <p className="hint">
        {t('totp.uri')} <code className="uri">{shownSecret === secret ? uri : ''}</code>
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="secret" value={shownSecret} />
        <input type="hidden" name="next" value={next} />
        <Field name="code" label={t('code.label')} autoComplete="one-time-code" inputMode="numeric" required error={errors?.code} />
        <div>
          <button type="submit">{t('totp.submit')}</button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
