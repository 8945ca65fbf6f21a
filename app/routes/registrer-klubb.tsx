import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { Honeypot } from '~/components/ui/form-bits';
import { ErrorSummary, Field } from '~/components/ui/field';
import { clubRegistrationInput, isValidOrgnr, registerClub } from '~/domain/auth/accounts.server';
import { lookupOrganisation } from '~/domain/club/register.server';
import { lookupPlaces } from '~/domain/catalogue/places.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { publicMeta } from '~/utils/seo';
import { pageDescription } from '~/utils/seo.server';
import { clientAddress, formError, parseForm } from '~/utils/forms.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const [places, t] = await Promise.all([lookupPlaces(), getLocale(request).then((l) => getFixedT(l, 'account'))]);
  return json({ kommuner: places.kommuner.map(({ name, slug }) => ({ name, slug })), title: t('register.title'), description: await pageDescription(request, 'register') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  if (form.get('intent') === 'lookup') return lookupStep(values);
  const parsedInput = await parseForm(form, clubRegistrationInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  const result = await registerClub(input, await getLocale(request), clientAddress(context));
  if (!result.ok) {
    const failed = formError({ [result.field]: result.error }, Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])), result.retryAfterSeconds ? 429 : 400);
    if (result.retryAfterSeconds) failed.headers.set('Retry-After', String(result.retryAfterSeconds));
    return failed;
  }
  // The same answer for a new address and for one that has an account (its owner gets an e-mail instead),
  // so nobody learns who is registered. The new club admin confirms the address and signs in.
  return json({ registered: true as const });
}

/** Step 1: the number is looked up in Enhetsregisteret; the name and address come back filled in. */
async function lookupStep(values: Record<string, string>) {
  const orgnr = (values.orgnr ?? '').replace(/\s/g, '');
  if (!isValidOrgnr(orgnr)) return formError({ orgnr: 'orgnr' }, values);
  const found = await lookupOrganisation(orgnr);
  if (found.status === 'not_found') return formError({ orgnr: 'account:register.errors.notFound' }, values);
  if (found.status === 'unreachable') return json({ lookup: { status: 'unreachable' as const }, values: { ...values, orgnr } });
  if (found.deleted || found.bankrupt || found.dissolving) return formError({ orgnr: 'account:register.errors.refused' }, values);
  const { password: _p, ...safe } = values;
  return json({
    lookup: { status: 'found' as const, name: found.name, address: found.address, voluntaryRegistered: found.voluntaryRegistered },
    values: { ...safe, orgnr, organisationName: found.name },
  });
}

export default function RegisterClub() {
  const { kommuner } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation('account');
  if (data && 'registered' in data) {
    return (
      <div className="page narrow">
        <h1>{t('register.sentTitle')}</h1>
        <p className="success" role="status">
          {t('register.sent')}
        </p>
        <p>
          <AppLink to="/logg-inn">{t('login.title')}</AppLink>
        </p>
      </div>
    );
  }
  const errors = data && 'errors' in data ? (data.errors as Record<string, string>) : undefined;
  const v = (data && 'values' in data ? data.values : {}) as Record<string, string>;
  const lookup = data && 'lookup' in data ? data.lookup : undefined;
  return (
    <div className="page narrow">
      <h1>{t('register.title')}</h1>
      <p>{t('register.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <Field name="orgnr" label={t('register.orgnr')} hint={t('register.orgnrHint')} inputMode="numeric" defaultValue={v.orgnr} error={errors?.orgnr} />
        <div>
          <button type="submit" name="intent" value="lookup" className="button--secondary">
            {t('register.lookup')}
          </button>
        </div>
        {lookup?.status === 'found' ? (
          <div className="notice" role="status" data-testid="register-found">
            <p>
              {t('register.foundIn')} <strong lang="nb">{lookup.name}</strong>
              {lookup.address ? <span lang="nb">, {lookup.address}</span> : null}
            </p>
            <p>{lookup.voluntaryRegistered ? t('register.voluntaryYes') : t('register.voluntaryNo')}</p>
          </div>
        ) : null}
        {lookup?.status === 'unreachable' ? (
          <p className="notice" role="status" data-testid="register-unreachable">
            {t('register.unreachable')}
          </p>
        ) : null}
        <Field name="organisationName" label={t('register.organisationName')} hint={lookup?.status === 'found' ? t('register.nameFromRegister') : undefined} required defaultValue={v.organisationName} error={errors?.organisationName} />
        <Field name="kommune" as="select" label={t('register.kommune')} placeholder={t('register.chooseKommune')} options={kommuner.map((k) => ({ value: k.slug, label: k.name }))} required defaultValue={v.kommune} error={errors?.kommune} />
        <Field name="contactName" label={t('register.contactName')} autoComplete="name" required defaultValue={v.contactName} error={errors?.contactName} />
        <Field name="email" type="email" label={t('field.email')} autoComplete="email" required defaultValue={v.email} error={errors?.email} />
        <Field name="phone" type="tel" label={t('field.phone')} autoComplete="tel" defaultValue={v.phone} error={errors?.phone} />
        <Field name="password" type="password" label={t('field.newPassword')} hint={t('password.hint')} autoComplete="new-password" required error={errors?.password} />
        <Honeypot />
        <div>
          <button type="submit">{t('register.submit')}</button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = (args) => publicMeta(args, { title: args.data?.title, description: args.data?.description });

export const ErrorBoundary = RouteErrorBoundary;
