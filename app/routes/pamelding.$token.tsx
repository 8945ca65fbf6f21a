import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { signupByToken, withdrawByToken } from '~/domain/signup/signup.server';
import { getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'signup'] };

// The family's own page for a request, reached by the opaque link in their receipt. It shows no names.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const signup = await signupByToken(params.token ?? '');
  if (!signup) throw new Response('Not found', { status: 404 });
  const locale = await getLocale(request);
  return json({ signup: { ...signup, createdAt: formatDate(signup.createdAt, locale) } }, { headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } });
}

// Withdrawing asks first: the first press shows a confirmation, the second withdraws (works without JavaScript).
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get('intent') !== 'confirm-withdraw') return json({ confirm: true });
  if (!(await withdrawByToken(params.token ?? ''))) throw new Response('Not found', { status: 404 });
  return json({ withdrawn: true });
}

export default function SignupStatus() {
  const { signup } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const answer = useActionData<typeof action>();
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
          {/* The club may answer in any language: the browser takes the direction from the text. */}
          <p dir="auto" className="reply">
            {signup.replyMessage}
          </p>
        </section>
      ) : null}
      {answer && 'confirm' in answer ? (
        <Form method="post" className="help-box">
          <p role="alert">{t('status.withdrawConfirm')}</p>
          <input type="hidden" name="intent" value="confirm-withdraw" />
          <div className="inline-actions">
            <button type="submit">{t('status.withdrawYes')}</button>
          </div>
        </Form>
      ) : signup.status === 'new' || signup.status === 'waitlisted' || signup.status === 'accepted' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="ask" />
          <button type="submit" className="button--secondary">
            {t('status.withdraw')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
