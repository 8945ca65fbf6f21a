import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { LocalTextInline } from '~/components/local-text';
import { signupByToken, withdrawByToken } from '~/domain/signup/signup.server';
import { getLocale } from '~/i18n.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { formatDate } from '~/utils/format';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'signup'] };

const privateHeaders = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': PRIVATE_NO_STORE };

// The family's own page for a request, reached by the opaque link in their receipt or in any answer
// from the club; every link carries the language the family signed up in (?lng=). It shows no names. A sign-up is deleted after the season (or a day after it was
// withdrawn): its links then lead to a page in the layout that says so, not to a bare 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const signup = await signupByToken(params.token ?? '');
  if (!signup) return json({ gone: true as const }, { status: 404, headers: privateHeaders });
  const locale = await getLocale(request);
  return json({ gone: false as const, signup: { ...signup, createdAt: formatDate(signup.createdAt, locale) } }, { headers: privateHeaders });
}

// Withdrawing asks first: the first press shows a confirmation, the second withdraws (works without JavaScript).
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get('intent') !== 'confirm-withdraw') return json({ confirm: true });
  if (!(await withdrawByToken(params.token ?? ''))) return json({ gone: true }, { status: 404, headers: privateHeaders });
  return json({ withdrawn: true });
}

export default function SignupStatus() {
  const data = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation('signup');
  if (data.gone || (answer && 'gone' in answer)) return <SignupGone />;
  const { signup } = data;
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
            <AppLink to={`/aktiviteter/${signup.activitySlug}`}>
              <LocalTextInline value={signup.activityTitle} />
            </AppLink>
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

/** A link to a sign-up that has been deleted (or never existed): say so, and offer a way on. */
function SignupGone() {
  const { t } = useTranslation('signup');
  return (
    <div className="page narrow">
      <h1>{t('gone.title')}</h1>
      <p>{t('gone.body')}</p>
      <p>
        <AppLink to="/aktiviteter">{t('gone.search')}</AppLink>
      </p>
    </div>
  );
}
