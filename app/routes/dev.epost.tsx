import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { demoCodes, devMailboxMessages } from '~/domain/notifications/dev-mailbox.server';
import { env } from '~/utils/env.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club'] };

/** Demo mode only: what the portal would have sent, and the demo users' current second-factor codes. */
export async function loader(_: LoaderFunctionArgs) {
  if (!env().isDemo) throw new Response('Not found', { status: 404 });
  const [messages, codes] = await Promise.all([devMailboxMessages(), demoCodes()]);
  return json({ messages, codes }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function DevMailbox() {
  const { messages, codes } = useLoaderData<typeof loader>();
  const { t } = useTranslation('club');
  return (
    <div className="page">
      <h1>{t('dev.title')}</h1>
      <p className="notice notice--warning">{t('dev.warning')}</p>
      <h2>{t('dev.codes')}</h2>
      <ul className="plain-list">
        {codes.map((c) => (
          <li key={c.email}>
            {c.email}: <code>{c.code}</code>
          </li>
        ))}
      </ul>
      <h2>{t('dev.messages')}</h2>
      {messages.length === 0 ? <p>{t('dev.empty')}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="scheme-card dev-message">
          <p className="eyebrow">
            {m.channel} · {m.recipient} · {m.at}
          </p>
          <h3>{m.subject}</h3>
          <pre className="dev-message__body" dir="auto">{m.body}</pre>
        </article>
      ))}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
