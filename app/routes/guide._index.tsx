import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { guideCaseload } from '~/domain/referral/casework.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { requireKommunePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'referral'] };

/** Only children assigned to this guide whose consent covers a guide. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireKommunePermission(request, 'work:referral:assigned');
  const [cases, t] = await Promise.all([guideCaseload(user.id), getLocale(request).then((l) => getFixedT(l, 'referral'))]);
  return json({ cases, title: t('guide.title') }, { headers: { 'Cache-Control': 'private, no-store' } });
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
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];
