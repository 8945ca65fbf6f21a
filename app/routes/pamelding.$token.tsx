import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { signupByToken, withdrawByToken } from '~/domain/signup/signup.server';
import { getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';

export const handle = { i18n: ['common', 'signup'] };

// The family's own page for a request, reached by the opaque link in their receipt. It shows no names.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const signup = await signupByToken(params.token ?? '');
  if (!signup) throw new Response('Not found', { status: 404 });
  const locale = await getLocale(request);
  return json({ signup: { ...signup, createdAt: formatDate(signup.createdAt, locale) } }, { headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } });
}

export async function action({ params }: ActionFunctionArgs) {
  if (!(await withdrawByToken(params.token ?? ''))) throw new Response('Not found', { status: 404 });
  return json({ withdrawn: true });
}

export default function SignupStatus() {
  const { signup } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation('signup');
  return (
    <div className="page narrow">
      <h1>{t('status.title')}</h1>
      {search.get('ny') ? (
        <p className="success" role="status">
          {t('status.received')}
        </p>
      ) : null}
      <dl className="facts facts--wide">
        <div>
          <dt>{t('status.activity')}</dt>
          <dd>
            <AppLink to={`/aktiviteter/${signup.activitySlug}`}>{signup.activityTitle}</AppLink>
          </dd>
        </div>
        <div>
          <dt>{t('status.sent')}</dt>
          <dd>{signup.createdAt}</dd>
        </div>
        <div>
          <dt>{t('status.status')}</dt>
          <dd>
            <span className={`status status--${signup.status}`}>{t(`statusName.${signup.status}`)}</span>
          </dd>
        </div>
      </dl>
      <p>{t(`statusHelp.${signup.status}`)}</p>
      {signup.replyMessage ? (
        <section aria-labelledby="reply">
          <h2 id="reply">{t('status.reply')}</h2>
          <p lang="nb" className="reply">
            {signup.replyMessage}
          </p>
        </section>
      ) : null}
      {signup.status === 'new' || signup.status === 'waitlisted' || signup.status === 'accepted' ? (
        <Form method="post">
          <button type="submit" className="button--secondary">
            {t('status.withdraw')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
