import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { verifyEmail } from '~/domain/auth/accounts.server';

export const handle = { i18n: ['common', 'account'] };

export async function loader({ params }: LoaderFunctionArgs) {
  const ok = await verifyEmail(params.token ?? '');
  return json({ ok }, { status: ok ? 200 : 400, headers: { 'Referrer-Policy': 'no-referrer' } });
}

export default function VerifyEmail() {
  const { ok } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  return (
    <div className="page narrow">
      <h1>{ok ? t('verify.ok') : t('verify.failed')}</h1>
      <p>
        <AppLink to="/konto">{t('verify.continue')}</AppLink>
      </p>
    </div>
  );
}
