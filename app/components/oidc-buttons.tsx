import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

type Provider = { id: string; label: string };

/** One plain form per provider (works without JavaScript); with an invitation, the sign-in accepts it. */
export function OidcButtons({ providers, next, invitation }: { providers: Provider[]; next: string; invitation?: string }) {
  const { t } = useTranslation('account');
  if (!providers.length) return null;
  return (
    <section aria-labelledby="oidc-heading">
      <h2 id="oidc-heading">{invitation ? t('oidc.acceptHeading') : t('oidc.heading')}</h2>
      {providers.map((p) => (
        <Form key={p.id} method="post" action={`/logg-inn/oidc/${p.id}`} reloadDocument>
          <input type="hidden" name="next" value={next} />
          {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
          <button type="submit" className="button--secondary">
            {invitation ? t('oidc.acceptWith', { provider: p.label }) : t('oidc.signInWith', { provider: p.label })}
          </button>
        </Form>
      ))}
    </section>
  );
}
