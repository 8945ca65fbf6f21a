import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '~/components/link';
import { Pager } from '~/components/pager';
import { ErrorSummary } from '~/components/ui/field';
import { getOrganisation } from '~/domain/club/organisations.server';
import { decideSignup, decisionInput, inboxFromUrl, listSignups } from '~/domain/signup/signup.server';
import { languageNames, type Language } from '~/i18n';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { idParam, parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { bokmal, LocalTextInline, UserText } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club', 'signup'] };

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const orgId = idParam(raw.orgId);
  await requirePermission(request, 'read:signup:own-organisation', { organisationId: orgId });
  const org = await getOrganisation(orgId);
  if (!org) throw new Response('Not found', { status: 404 });
  const q = inboxFromUrl(request.url);
  const locale = await getLocale(request);
  const [result, t] = await Promise.all([listSignups(orgId, { status: q.status, page: q.side }), getFixedT(locale, 'club')]);
  return json(
    {
      organisation: { id: org.id, name: org.name },
      ...result,
      signups: result.signups.map((s) => ({ ...s, createdAt: formatDate(s.createdAt, locale, { dateStyle: 'medium' }) })),
      status: q.status ?? null,
      page: q.side,
      title: t('inbox.title', { organisation: org.name }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params: raw }: ActionFunctionArgs) {
  const orgId = idParam(raw.orgId);
  await requirePermission(request, 'edit:signup:own-organisation', { organisationId: orgId });
  const parsedInput = await parseForm(request, decisionInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  const decided = await decideSignup(orgId, input);
  if (!decided.ok && decided.reason === 'notFound') throw new Response('Not found', { status: 404 });
  if (!decided.ok) return json({ errors: { form: 'club:inbox.errors.withdrawn' } }, { status: 409 });
  // Back to the same filter and page of the inbox.
  const url = new URL(request.url);
  return redirectWithFlash(`${url.pathname}${url.search}`, 'club:inbox.saved');
}

export default function Inbox() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(['club', 'signup']);
  const base = `/klubb/${data.organisation.id}/pameldinger`;
  return (
    <div className="page">
      <h1>{data.title}</h1>
      <ErrorSummary errors={(actionData as { errors?: Record<string, string> } | undefined)?.errors} />
      <nav aria-label={t('inbox.filterLabel')} className="account-nav">
        <AppLink to={base} aria-current={!data.status ? 'page' : undefined}>
          {t('inbox.all')}
        </AppLink>
        {(['new', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const).map((s) => (
          <AppLink key={s} to={`${base}?status=${s}`} aria-current={data.status === s ? 'page' : undefined}>
            {t(`signup:statusName.${s}`)}
          </AppLink>
        ))}
        <a href={`${base}.csv`} download>
          {t('inbox.csv')}
        </a>
      </nav>
      <p>{t('inbox.count', { count: data.total })}</p>
      {data.signups.length === 0 ? <p>{t('inbox.empty')}</p> : null}
      <ul className="result-list">
        {data.signups.map((s) => (
          <li key={s.id} className="result-card signup-card">
            <h2 className="result-card__title">
              <UserText text={s.participantFirstName} /> ({s.birthYear}) · <LocalTextInline value={bokmal(s.activityTitle)} />
            </h2>
            <p>
              <span className={`status status--${s.status}`}>{t(`signup:statusName.${s.status}`)}</span> · {t('inbox.received', { date: s.createdAt })}
            </p>
            <dl className="facts facts--wide">
              <div>
                <dt>{t('inbox.guardian')}</dt>
                <dd>
                  <UserText text={s.guardianName} />
                  {s.guardianEmail ? <> · <a href={`mailto:${s.guardianEmail}`} dir="ltr">{s.guardianEmail}</a></> : null}
                  {s.guardianPhone ? <> · <a href={`tel:${s.guardianPhone.replace(/\s/g, '')}`} dir="ltr">{s.guardianPhone}</a></> : null}
                </dd>
              </div>
              <div>
                <dt>{t('inbox.language')}</dt>
                <dd>{languageNames[s.language as Language] ?? s.language}</dd>
              </div>
              {s.message ? (
                <div>
                  <dt>{t('inbox.message')}</dt>
                  <UserText as="dd" text={s.message} />
                </div>
              ) : null}
            </dl>
            {/* A withdrawn sign-up is final: nothing left to answer. */}
            {s.status === 'withdrawn' ? null : (
            <Form method="post" className="inline-actions">
              <input type="hidden" name="signupId" value={s.id} />
              <div className="field">
                <label htmlFor={`reply-${s.id}`}>{t('inbox.reply')}</label>
                <textarea id={`reply-${s.id}`} name="replyMessage" rows={2} dir="auto" defaultValue={s.replyMessage ?? ''} aria-describedby={`reply-hint-${s.id}`} />
                <span id={`reply-hint-${s.id}`} className="hint">
                  {t('inbox.replyHint')}
                </span>
              </div>
              <button type="submit" name="status" value="accepted">
                {t('inbox.accept')}
              </button>
              <button type="submit" name="status" value="waitlisted" className="button--secondary">
                {t('inbox.waitlist')}
              </button>
              <button type="submit" name="status" value="declined" className="button--secondary">
                {t('inbox.decline')}
              </button>
            </Form>
            )}
          </li>
        ))}
      </ul>
      <Pager page={data.page} pages={data.pages} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(data.status ? { status: data.status } : {}), side: String(p) })}`} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
