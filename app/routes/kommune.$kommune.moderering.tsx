import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '~/components/ui/field';
import { decideOrganisation, requireKommuneBySlug, organisationDecisionInput, pendingOrganisations } from '~/domain/club/organisations.server';
import { pendingActivities, moderateActivity, activityModerationInput } from '~/domain/club/activities.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { parseForm } from '~/utils/forms.server';
import { requirePermission, redirectWithFlash } from '~/utils/session.server';
import { bokmal, LocalTextBlock, LocalTextInline } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'club'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'moderate:organisation:own-kommune', { kommuneId: k.id });
  const locale = await getLocale(request);
  const [orgs, activities, t] = await Promise.all([pendingOrganisations(k.id), pendingActivities(k.id), getFixedT(locale, 'club')]);
  return json({
    kommune: { name: k.name },
    organisations: orgs.map((o) => ({ ...o, createdAt: formatDate(o.createdAt, locale, { dateStyle: 'medium' }) })),
    activities,
    title: t('moderation.title', { kommune: k.name }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const form = await request.formData();
  if (form.get('intent') === 'activity') {
    const u = await requirePermission(request, 'moderate:activity:own-kommune', { kommuneId: k.id });
    const parsedInput = await parseForm(form, activityModerationInput);
    if (!parsedInput.ok) return parsedInput.response;
    const input = parsedInput.data;
    if (!(await moderateActivity(k.id, u.id, input))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(`/kommune/${params.kommune}/moderering`, `club:moderation.decided.activity.${input.decision}`);
  } else {
    const u = await requirePermission(request, 'moderate:organisation:own-kommune', { kommuneId: k.id });
    const parsedInput = await parseForm(form, organisationDecisionInput);
    if (!parsedInput.ok) return parsedInput.response;
    const input = parsedInput.data;
    if (!(await decideOrganisation(k.id, u.id, input))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(`/kommune/${params.kommune}/moderering`, `club:moderation.decided.organisation.${input.decision}`);
  }
}

export default function Moderation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('club');
  const errors = (actionData as { errors?: Record<string, string> } | undefined)?.errors;
  return (
    <div className="page narrow">
      <h1>{data.title}</h1>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="orgs">
        <h2 id="orgs">{t('moderation.organisations')}</h2>
        {data.organisations.length === 0 ? <p>{t('moderation.noOrganisations')}</p> : null}
        {data.organisations.map((o) => (
          <article key={o.id} className="scheme-card">
            <h3>
              <LocalTextInline value={bokmal(o.name)} />
            </h3>
            <p>
              {o.orgnr ? `${t('moderation.orgnr')} ${o.orgnr} · ` : ''}
              <span dir="ltr">{o.contactEmail}</span> · {o.createdAt}
            </p>
            <Form method="post" className="inline-actions">
              <input type="hidden" name="organisationId" value={o.id} />
              <div className="field">
                <label htmlFor={`reason-${o.id}`}>{t('moderation.reason')}</label>
                <input id={`reason-${o.id}`} name="reason" type="text" dir="auto" aria-describedby={`reason-hint-${o.id}`} />
                <span id={`reason-hint-${o.id}`} className="hint">
                  {t('moderation.reasonHint')}
                </span>
              </div>
              <button type="submit" name="decision" value="approve">
                {t('moderation.approve')}
              </button>
              <button type="submit" name="decision" value="reject" className="button--secondary">
                {t('moderation.reject')}
              </button>
            </Form>
          </article>
        ))}
      </section>
      <section aria-labelledby="acts">
        <h2 id="acts">{t('moderation.activities')}</h2>
        {data.activities.length === 0 ? <p>{t('moderation.noActivities')}</p> : null}
        {data.activities.map((a) => (
          <article key={a.id} className="scheme-card">
            <h3>
              <LocalTextInline value={bokmal(a.title)} />
            </h3>
            <LocalTextBlock value={bokmal(a.organisationName)} />
            <LocalTextBlock value={bokmal(a.description)} />
            <Form method="post" className="inline-actions">
              <input type="hidden" name="intent" value="activity" />
              <input type="hidden" name="activityId" value={a.id} />
              <div className="field">
                <label htmlFor={`areason-${a.id}`}>{t('moderation.reason')}</label>
                <input id={`areason-${a.id}`} name="reason" type="text" dir="auto" />
              </div>
              <button type="submit" name="decision" value="approve">
                {t('moderation.approve')}
              </button>
              <button type="submit" name="decision" value="reject" className="button--secondary">
                {t('moderation.reject')}
              </button>
            </Form>
          </article>
        ))}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
