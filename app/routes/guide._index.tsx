import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { guideCaseload } from '~/domain/referral/casework.server';
import { nextFollowUps } from '~/domain/referral/follow-ups.server';
import { formatDate } from '~/utils/format';
import { getFixedT, getLocale } from '~/i18n.server';
import { requireKommunePermission } from '~/utils/session.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral'] };

/** Only children assigned to this guide whose consent covers a guide. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireKommunePermission(request, 'work:referral:assigned');
  const [cases, locale] = await Promise.all([guideCaseload(user.id), getLocale(request)]);
  const [next, t] = await Promise.all([nextFollowUps(cases.map((c) => c.id)), getFixedT(locale, 'referral')]);
  const withNext = cases.map((c) => {
    const f = next.get(c.id);
    return { ...c, next: f ? { kind: f.kind, due: formatDate(f.dueAt, locale, { dateStyle: 'medium' }), overdue: f.overdue } : null };
  });
  return json({ cases: withNext, title: t('guide.title') }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function GuideHome() {
  const { cases } = useLoaderData<typeof loader>();
  const { t } = useTranslation('referral');
  return (
    <div className="page narrow">
      <h1>{t('guide.title')}</h1>
      {cases.length === 0 ? <p>{t('guide.none')}</p> : null}
      <ul className="plain-list">
        {cases.map((c) => (
          <li key={c.id}>
            <AppLink to={`/guide/${c.id}`}>{t('queue.open', { id: c.id })}</AppLink> <span className="status">{t(`status.${c.status}`)}</span>
            {c.next ? (
              <>
                {' '}
                · {t('guide.nextFollowUp', { kind: t(`followUp.${c.next.kind}`), date: c.next.due })}
                {c.next.overdue ? <span className="status status--declined"> {t('guide.overdue')}</span> : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
