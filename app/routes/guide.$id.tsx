import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TotalCost } from '~/components/activity-bits';
import { AppLink } from '~/components/link';
import { EquipmentSection, FollowUpSection, SupportSection } from '~/components/guide/casework';
import { askClubConsent, lastClubAnswer, pendingClubQuestion, placeChild, recommendationsFor, recordClubConsentFor } from '~/domain/referral/casework.server';
import { arrangeLoan, equipmentOptions, loanInput, loansFor, loanStatusInput, setLoanStatus } from '~/domain/referral/equipment.server';
import { followUpInput, followUpPlan, recordFollowUp } from '~/domain/referral/follow-ups.server';
import { closeReferral, mayRead, readReferral } from '~/domain/referral/referral.server';
import { grantFreePlace, grantInput, grantsFor, grantSupport, supportOptions } from '~/domain/support/grants.server';
import { getLocale } from '~/i18n.server';
import { fieldErrors, idParam } from '~/utils/forms.server';
import { formatDate } from '~/utils/format';
import { redirectWithFlash, requireKommunePermission } from '~/utils/session.server';
import { osloDate } from '~/utils/dates';
import { ErrorSummary } from '~/components/ui/field';
import { bokmal, Ltr, LocalTextInline, UserText } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral', 'catalogue'] };

const outcomes = ['active', 'tried', 'not_started', 'moved'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const { user, kommuneId } = await requireKommunePermission(request, 'work:referral:assigned');
  // readReferral checks assignment and consent, and logs this page view as one read.
  const referral = await readReferral({ userId: user.id, role: 'guide', kommuneId }, id, 'case-page');
  if (!referral) throw new Response('Forbidden', { status: 403 });
  const localeAsked = getLocale(request);
  const [recommendations, plan, options, grants, equipment, loans, pendingClub, clubAnswer, locale] = await Promise.all([
    recommendationsFor(id),
    followUpPlan(id),
    supportOptions(id),
    grantsFor(id),
    localeAsked.then((l) => equipmentOptions(id, l)),
    loansFor(id),
    pendingClubQuestion(id),
    lastClubAnswer(id),
    localeAsked,
  ]);
  const date = (iso: string | null) => (iso ? formatDate(iso, locale, { dateStyle: 'medium' }) : null);
  return json(
    {
      referral,
      recommendations: recommendations.map((r) => ({ id: r.id, score: r.score, reasons: r.reasons, slug: r.activity.slug, title: r.activity.title, organisationName: r.activity.organisationName, category: r.activity.category, totalCostPerYearOre: r.activity.totalCostPerYearOre, freePlaces: r.activity.freePlaces })),
      plan: plan.map((f) => ({ id: f.id, kind: f.kind, due: date(f.dueAt), done: date(f.doneAt), outcome: f.outcome, note: f.note, overdue: f.overdue })),
      support: { options, grants },
      equipment: {
        options: equipment ?? { lenders: [], items: [] },
        loans: loans.map((l) => ({ ...l, pickupOn: date(`${l.pickupOn}T12:00:00Z`)!, familyTold: Boolean(l.familyTold) })),
        canTell: Boolean(referral.guardianPhone || referral.guardianEmail),
      },
      today: osloDate(new Date()),
      pendingClub: pendingClub ? { club: pendingClub.club, asked: date(pendingClub.askedAt) } : null,
      clubAnswer: clubAnswer ? { ...clubAnswer, at: date(clubAnswer.at) } : null,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { user, kommuneId } = await requireKommunePermission(request, 'work:referral:assigned');
  if (!(await mayRead({ userId: user.id, role: 'guide', kommuneId }, id))) throw new Response('Forbidden', { status: 403 });
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'ask-club-consent') {
    const result = await askClubConsent(id, String(form.get('activity') ?? ''), user.id);
    if (!result.ok) return json({ askClub: result.reason }, { status: 400 });
    return redirectWithFlash(`/guide/${id}`, 'referral:guide.clubConsentAsked');
  }
  if (intent === 'place') {
    const slug = String(form.get('activity') ?? '');
    if (form.get('clubConsent') === 'on') await recordClubConsentFor(id, slug, user.id, form.get('clubConsentMethod') === 'paper' ? 'paper' : 'oral');
    const result = await placeChild(id, user.id, slug);
    if (!result.ok) return json({ place: { ...result, slug, freePlace: form.get('freePlace') === 'on' } }, { status: result.reason === 'noClubConsent' ? 200 : 400 });
    // The free place is for the activity the sign-up went to, nothing the form could name instead.
    if (form.get('freePlace') === 'on' && !(await grantFreePlace(id, result.activityId, user.id)).ok) return redirectWithFlash(`/guide/${id}`, 'referral:guide.noFreePlaceLeft');
    return redirectWithFlash(`/guide/${id}`, 'referral:guide.sent');
  }
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  if (intent === 'follow-up') {
    const parsed = followUpInput.safeParse(values);
    if (!parsed.success) return json({ section: 'follow-up', errors: fieldErrors(parsed.error), values }, { status: 400 });
    await recordFollowUp(id, user.id, parsed.data);
    return redirectWithFlash(`/guide/${id}`, 'referral:guide.followUpSaved');
  }
  if (intent === 'grant') {
    const parsed = grantInput.safeParse(values);
    if (!parsed.success) return json({ section: 'grant', errors: fieldErrors(parsed.error), values }, { status: 400 });
    const result = await grantSupport(id, parsed.data, user.id);
    if (!result.ok) return json({ section: 'grant', errors: { [result.field]: result.error }, values }, { status: 400 });
    return redirectWithFlash(`/guide/${id}`, 'referral:support.saved');
  }
  if (intent === 'loan') {
    // Ticked items from the activity's list, and any others typed in, separated by a comma in any script
    // (Latin, Arabic ، and Ge'ez ፣) or a semicolon.
    const items = [...form.getAll('items').map(String), ...(values.otherItems ?? '').split(/[,،፣;]/)].map((x) => x.trim()).filter(Boolean);
    const parsed = loanInput.safeParse({ ...values, items, tellFamily: values.tellFamily === 'on' });
    // Sent back on an error so the ticked items and the family-message choice stay as the guide left them.
    const lists = { items: form.getAll('items').map(String) };
    if (!parsed.success) return json({ section: 'loan', errors: fieldErrors(parsed.error), values, lists }, { status: 400 });
    const result = await arrangeLoan(id, parsed.data, user.id);
    if (!result.ok) return json({ section: 'loan', errors: { [result.field]: result.error }, values, lists }, { status: 400 });
    return redirectWithFlash(`/guide/${id}`, result.told ? 'referral:equipment.savedTold' : 'referral:equipment.saved');
  }
  if (intent === 'loan-status') {
    const parsed = loanStatusInput.safeParse(values);
    if (!parsed.success || !(await setLoanStatus(id, parsed.data, user.id))) return json({ section: 'loan-status', errors: { form: 'invalid' }, values }, { status: 400 });
    return redirectWithFlash(`/guide/${id}`, 'referral:equipment.statusSaved');
  }
  if (intent === 'close') {
    if (form.get('confirm') !== 'on') return json({ section: 'close', errors: { closeConfirm: 'required' } }, { status: 400 });
    const outcome = String(form.get('outcome'));
    if (!(outcomes as readonly string[]).includes(outcome)) return json({ section: 'close', errors: { closeOutcome: 'required' } }, { status: 400 });
    await closeReferral(id, outcome as (typeof outcomes)[number], user.id);
    return redirectWithFlash('/guide', 'referral:guide.closedFlash');
  }
  return json({ error: 'invalid' }, { status: 400 });
}

export default function GuideCase() {
  const { referral: r, recommendations, plan, support, equipment, today, pendingClub, clubAnswer } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as
    | { place?: { reason: string; organisationId?: number; slug?: string; freePlace?: boolean }; askClub?: string; section?: string; errors?: Record<string, string>; values?: Record<string, string>; lists?: Record<string, string[]> }
    | undefined;
  const section = (name: string) => (data?.section === name ? { errors: data.errors, values: data.values, lists: data.lists } : { errors: undefined, values: undefined, lists: undefined });
  const { t } = useTranslation(['referral', 'catalogue', 'common']);
  const tc = useTranslation('catalogue').t;
  return (
    <div className="page">
      <p className="breadcrumb">
        <AppLink to="/guide">{t('guide.back')}</AppLink>
      </p>
      <h1>
        {r.childFirstName} ({r.birthYear})
      </h1>
      {pendingClub ? <p className="notice">{t('guide.clubConsentPending', { club: pendingClub.club, date: pendingClub.asked })}</p> : null}
      {!pendingClub && clubAnswer ? <p className="notice">{t(`guide.clubAnswer.${clubAnswer.answer}`, { club: clubAnswer.club, date: clubAnswer.at })}</p> : null}
      {data?.askClub ? (
        <p className="notice notice--warning" role="alert">
          {t(`guide.askClubProblem.${data.askClub}`)}
        </p>
      ) : null}
      {data?.section === 'loan-status' ? (
        <p className="notice notice--warning" role="alert">
          {t('common:errors.invalid')}
        </p>
      ) : null}
      <dl className="facts facts--wide">
        <div>
          <dt>{t('new.interests')}</dt>
          <dd>{r.interests.map((i) => t(`catalogue:category.${i}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.weekdays')}</dt>
          <dd>{r.weekdays.map((d) => t(`catalogue:weekday.${d}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.needs')}</dt>
          <dd>{r.needs.map((n) => t(`need.${n}`)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('new.guardianName')}</dt>
          <dd>
            <UserText text={r.guardianName} /> · <Ltr>{[r.guardianPhone, r.guardianEmail].filter(Boolean).join(', ')}</Ltr> · {t(`catalogue:languageName.${r.guardianLanguage}`, { defaultValue: r.guardianLanguage })}
          </dd>
        </div>
      </dl>
      <h2>{t('guide.recommendations')}</h2>
      {data?.place?.reason === 'noClubConsent' ? <p className="notice notice--warning">{t('guide.needClubConsent')}</p> : null}
      <ol className="result-list">
        {recommendations.map((a) => (
          <li key={a.id} className="result-card recommendation">
            <h3 className="result-card__title">
              <AppLink to={`/aktiviteter/${a.slug}`}><LocalTextInline value={bokmal(a.title)} /></AppLink>
            </h3>
            <p>
              <LocalTextInline value={bokmal(a.organisationName)} /> · {t(`catalogue:category.${a.category}`)} · <TotalCost ore={a.totalCostPerYearOre} t={tc} />
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
              <input type="hidden" name="activity" value={a.slug} />
              {data?.place?.reason === 'noClubConsent' && data.place.organisationId && data.place.slug === a.slug ? (
                <>
                  <label>
                    <input type="checkbox" name="clubConsent" required /> {t('guide.clubConsent')}
                  </label>
                  <label htmlFor={`consent-method-${a.id}`}>{t('guide.clubConsentMethod')}</label>
                  <select id={`consent-method-${a.id}`} name="clubConsentMethod" defaultValue="oral">
                    <option value="oral">{t('methodShort.oral')}</option>
                    <option value="paper">{t('methodShort.paper')}</option>
                  </select>
                </>
              ) : null}
              {a.freePlaces > 0 ? (
                <label>
                  <input type="checkbox" name="freePlace" defaultChecked={data?.place?.slug === a.slug && data.place.freePlace} /> {t('guide.useFreePlace')}
                </label>
              ) : null}
              <button type="submit" name="intent" value="place">
                {t('guide.sendSignup')}
              </button>
              {data?.place?.reason === 'noClubConsent' && data.place.slug === a.slug ? (
                <button type="submit" name="intent" value="ask-club-consent" formNoValidate className="button--secondary">
                  {t('guide.askClubConsent')}
                </button>
              ) : null}
            </Form>
          </li>
        ))}
      </ol>
      <FollowUpSection plan={plan} {...section('follow-up')} />
      <SupportSection options={support.options} grants={support.grants} {...section('grant')} />
      <EquipmentSection options={equipment.options} loans={equipment.loans} canTell={equipment.canTell} today={today} {...section('loan')} />
      <h2>{t('guide.close')}</h2>
      <Form method="post" className="form">
        {/* Shown when the browser let the form through without the box ticked (no JavaScript, old browsers). */}
        <ErrorSummary errors={section('close').errors} />
        <input type="hidden" name="intent" value="close" />
        <div className="field">
          <label htmlFor="field-closeOutcome">{t('guide.outcome')}</label>
          <select id="field-closeOutcome" name="outcome">
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checks">
          <span>
            <input type="checkbox" id="field-closeConfirm" name="confirm" required /> {t('guide.closeConfirm')}
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

export const ErrorBoundary = RouteErrorBoundary;
