import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TotalCost } from '~/components/activity-bits';
import { AppLink } from '~/components/link';
import { addClubToConsent, followUpInput, grantSupport, placeChild, recommendationsFor, recordFollowUp } from '~/domain/referral/casework.server';
import { closeReferral, readReferral } from '~/domain/referral/referral.server';
import { fieldErrors, idParam } from '~/utils/forms.server';
import { requireKommunePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'referral', 'catalogue'] };

const followUpKinds = ['first_contact', 'first_session', 'month_1', 'month_3', 'month_6'] as const;
const outcomes = ['active', 'tried', 'not_started', 'moved'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const { user, kommuneId } = await requireKommunePermission(request, 'work:referral:assigned');
  // readReferral checks assignment and consent, and logs the read.
  const referral = await readReferral({ userId: user.id, role: 'guide', kommuneId }, id);
  if (!referral) throw new Response('Forbidden', { status: 403 });
  const recommendations = await recommendationsFor(id);
  return json(
    { referral, recommendations: recommendations.map((r) => ({ id: r.id, score: r.score, reasons: r.reasons, slug: r.activity.slug, title: r.activity.title, organisationName: r.activity.organisationName, category: r.activity.category, totalCostPerYearOre: r.activity.totalCostPerYearOre, freePlaces: r.activity.freePlaces })) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { user, kommuneId } = await requireKommunePermission(request, 'work:referral:assigned');
  if (!(await readReferral({ userId: user.id, role: 'guide', kommuneId }, id))) throw new Response('Forbidden', { status: 403 });
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'place') {
    const slug = String(form.get('activity') ?? '');
    if (form.get('clubConsent') === 'on') {
      const organisationId = Number(form.get('organisationId'));
      if (Number.isInteger(organisationId)) await addClubToConsent(id, organisationId, user.id, 'oral');
    }
    const result = await placeChild(id, user.id, slug);
    if (!result.ok) return json({ place: result }, { status: result.reason === 'noClubConsent' ? 200 : 400 });
    if (form.get('freePlace') === 'on') {
      const activityId = Number(form.get('activityId'));
      if (Number.isInteger(activityId)) await grantSupport(id, activityId, 'free_place', user.id);
    }
    return redirect(`/guide/${id}?sendt=1`);
  }
  if (intent === 'follow-up') {
    const parsed = followUpInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error) }, { status: 400 });
    await recordFollowUp(id, user.id, parsed.data);
    return redirect(`/guide/${id}?oppfolging=1`);
  }
  if (intent === 'close') {
    if (form.get('confirm') !== 'on') return json({ errors: { confirm: 'required' } }, { status: 400 });
    const outcome = String(form.get('outcome'));
    if (!(outcomes as readonly string[]).includes(outcome)) return json({ errors: { outcome: 'required' } }, { status: 400 });
    await closeReferral(id, outcome as (typeof outcomes)[number], user.id);
    return redirect('/guide?lukket=1');
  }
  return json({ error: 'invalid' }, { status: 400 });
}

export default function GuideCase() {
  const { referral: r, recommendations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { place?: { reason: string; organisationId?: number } } | undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation(['referral', 'catalogue']);
  const tc = useTranslation('catalogue').t;
  return (
    <div className="page">
      <p className="breadcrumb">
        <AppLink to="/guide">{t('guide.back')}</AppLink>
      </p>
      <h1>
        {r.childFirstName} ({r.birthYear})
      </h1>
      {search.get('sendt') ? (
        <p className="success" role="status">
          {t('guide.sent')}
        </p>
      ) : null}
      {search.get('oppfolging') ? (
        <p className="success" role="status">
          {t('guide.followUpSaved')}
        </p>
      ) : null}
      <dl className="facts facts--wide">
        <div>
          <dt>{t('new.interests')}</dt>
          <dd>{r.interests.map((i) => t(`catalogue:category.${i}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.needs')}</dt>
          <dd>{r.needs.map((n) => t(`need.${n}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.guardianName')}</dt>
          <dd>
            {r.guardianName} · {[r.guardianPhone, r.guardianEmail].filter(Boolean).join(', ')} · {t(`catalogue:languageName.${r.guardianLanguage}`, { defaultValue: r.guardianLanguage })}
          </dd>
        </div>
      </dl>
      <h2>{t('guide.recommendations')}</h2>
      {data?.place?.reason === 'noClubConsent' ? <p className="notice notice--warning">{t('guide.needClubConsent')}</p> : null}
      <ol className="result-list">
        {recommendations.map((a) => (
          <li key={a.id} className="result-card recommendation">
            <h3 className="result-card__title">
              <AppLink to={`/aktiviteter/${a.slug}`}>{a.title}</AppLink>
            </h3>
            <p>
              {a.organisationName} · {t(`catalogue:category.${a.category}`)} · <TotalCost ore={a.totalCostPerYearOre} t={tc} />
            </p>
            <ul className="badges">
              {a.reasons.map((reason, i) => (
                <li key={i} className="badge">
                  {t(`reason.${reason.key}`, {
                    ...reason.params,
                    language: reason.params?.language ? t(`catalogue:languageName.${reason.params.language}`) : undefined,
                    category: reason.params?.category ? t(`catalogue:category.${reason.params.category}`) : undefined,
                    days: reason.params?.days ? String(reason.params.days).split(',').map((d) => t(`catalogue:weekday.${d}`)).join(', ') : undefined,
                  })}
                </li>
              ))}
            </ul>
            <Form method="post" className="inline-actions">
              <input type="hidden" name="intent" value="place" />
              <input type="hidden" name="activity" value={a.slug} />
              <input type="hidden" name="activityId" value={a.id} />
              {data?.place?.reason === 'noClubConsent' && data.place.organisationId ? (
                <>
                  <input type="hidden" name="organisationId" value={data.place.organisationId} />
                  <label>
                    <input type="checkbox" name="clubConsent" required /> {t('guide.clubConsent')}
                  </label>
                </>
              ) : null}
              {a.freePlaces > 0 ? (
                <label>
                  <input type="checkbox" name="freePlace" /> {t('guide.useFreePlace')}
                </label>
              ) : null}
              <button type="submit">{t('guide.sendSignup')}</button>
            </Form>
          </li>
        ))}
      </ol>
      <h2>{t('guide.followUp')}</h2>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="follow-up" />
        <div className="field">
          <label htmlFor="fu-kind">{t('guide.followUpKind')}</label>
          <select id="fu-kind" name="kind">
            {followUpKinds.map((k) => (
              <option key={k} value={k}>
                {t(`followUp.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fu-outcome">{t('guide.followUpOutcome')}</label>
          <input id="fu-outcome" name="outcome" type="text" required />
        </div>
        <div className="field">
          <label htmlFor="fu-note">{t('guide.note')}</label>
          <textarea id="fu-note" name="note" rows={3} aria-describedby="fu-note-hint" />
          <span id="fu-note-hint" className="hint">
            {t('guide.noteHint')}
          </span>
        </div>
        <div>
          <button type="submit">{t('guide.saveFollowUp')}</button>
        </div>
      </Form>
      <h2>{t('guide.close')}</h2>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="close" />
        <div className="field">
          <label htmlFor="close-outcome">{t('guide.outcome')}</label>
          <select id="close-outcome" name="outcome">
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checks">
          <span>
            <input type="checkbox" name="confirm" required /> {t('guide.closeConfirm')}
          </span>
        </label>
        <div>
          <button type="submit" className="button--secondary">
            {t('guide.closeButton')}
          </button>
        </div>
      </Form>
    </div>
  );
}
