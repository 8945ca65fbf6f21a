import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '~/components/ui/field';
import { decideOrganisation, requireKommuneBySlug, organisationDecisionInput, pendingOrganisations } from '~/domain/club/organisations.server';
import { flaggedOrganisations, recheckInput, recheckOrganisation } from '~/domain/club/register.server';
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
  const [orgs, activities, flagged, t] = await Promise.all([pendingOrganisations(k.id), pendingActivities(k.id), flaggedOrganisations(k.id), getFixedT(locale, 'club')]);
  return json({
    kommune: { name: k.name },
    organisations: orgs.map((o) => ({ ...o, createdAt: formatDate(o.createdAt, locale, { dateStyle: 'medium' }) })),
    activities,
    flagged: flagged.map((f) => ({ id: f.id, name: f.name, orgnr: f.orgnr, registerStatus: f.registerStatus })),
    title: t('moderation.title', { kommune: k.name }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const form = await request.formData();
  if (form.get('intent') === 'recheck') {
    const u = await requirePermission(request, 'moderate:organisation:own-kommune', { kommuneId: k.id });
    const id = recheckInput.safeParse({ organisationId: form.get('organisationId') });
    if (!id.success) throw new Response('Not found', { status: 404 });
    const result = await recheckOrganisation(k.id, id.data.organisationId, u.id);
    if (!result.ok && result.reason === 'not_found') throw new Response('Not found', { status: 404 });
    return redirectWithFlash(`/kommune/${params.kommune}/moderering`, result.ok ? 'club:moderation.register.checked' : result.reason === 'no_orgnr' ? 'club:moderation.register.noOrgnr' : 'club:moderation.register.stillUnreachable');
  }
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
            {o.orgnr ? (
              <div className="notice" data-testid={`register-status-${o.id}`}>
                {o.registerStatus === 'unchecked' ? (
                  <Form method="post">
                    <p>{t('moderation.register.unchecked')}</p>
                    <input type="hidden" name="intent" value="recheck" />
                    <input type="hidden" name="organisationId" value={o.id} />
                    <button type="submit" className="button--secondary">
                      {t('moderation.register.checkNow')}
                    </button>
                  </Form>
                ) : (
                  <>
                    <p>
                      {t(`moderation.register.status.${o.registerStatus}`)}
                      {o.registerName ? (
                        <>
                          {' '}
                          {t('moderation.register.nameInRegister')} <span lang="nb">{o.registerName}</span>
                        </>
                      ) : null}
                    </p>
                    {o.registerStatus === 'active' ? <p>{o.voluntaryRegistered ? t('moderation.register.voluntaryYes') : t('moderation.register.voluntaryNo')}</p> : null}
                  </>
                )}
              </div>
            ) : null}
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
      {data.flagged.length ? (
        <section aria-labelledby="flagged">
          <h2 id="flagged">{t('moderation.register.flaggedTitle')}</h2>
          <ul>
            {data.flagged.map((f) => (
              <li key={f.id} data-testid={`register-flag-${f.id}`}>
                <LocalTextInline value={bokmal(f.name)} /> ({f.orgnr}): {t(`moderation.register.status.${f.registerStatus}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
