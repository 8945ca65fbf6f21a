import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { answerClubConsent, heldRecords, pendingClubQuestion, readLog } from '~/domain/referral/casework.server';
import { answerConsent, CONSENT_TEXT_VERSION, guardianView, referralByGuardianToken, withdrawConsent } from '~/domain/referral/referral.server';
import { consentPageText, DATATILSYNET_URL, privacyContactForReferral, type PrivacyContact } from '~/domain/referral/privacy-contact.server';
import { getLocale } from '~/i18n.server';
import { formatDate, kroner } from '~/utils/format';
import { bokmal, Ltr, LocalTextInline, UserText } from '~/components/local-text';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'referral', 'catalogue'] };

// The guardian's page, opened from the link in an SMS or e-mail, in the guardian's language (?lng=).
// It says who asks, why, what data, to whom, for how long, that it is voluntary and how to withdraw;
// afterwards it shows what is held and who has read it, and withdrawing is one click, like saying yes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await guardianView(params.token ?? '');
  if (!view) throw new Response('Not found', { status: 404 });
  const locale = await getLocale(request);
  const [log, records, pending, privacy] = await Promise.all([
    readLog(view.referralId),
    heldRecords(view.referralId),
    view.consent ? pendingClubQuestion(view.referralId) : null,
    privacyContactForReferral(view.referralId),
  ]);
  const date = (iso: string | null) => (iso ? formatDate(iso, locale, { dateStyle: 'medium' }) : null);
  const held = {
    consents: records.consents.map((c) => ({ answer: c.answer, method: c.method, at: date(c.answeredAt)!, withdrawn: c.replaced ? null : date(c.withdrawnAt), replaced: c.replaced, guide: c.guide, clubs: c.clubs })),
    placements: records.placements.map((p) => ({ activity: p.activity, organisation: p.organisation, at: date(p.at)! })),
    followUps: records.followUps.filter((f) => f.doneAt).map((f) => ({ kind: f.kind, at: date(f.doneAt)!, outcome: f.outcome, note: f.note })),
    equipment: records.equipment.map((e) => ({ lender: e.lender, items: e.items, from: date(`${e.pickupOn}T12:00:00Z`)! })),
    support: records.support.map((g) => ({ kind: g.kind, amount: kroner(g.amountOre), scheme: g.scheme, period: g.period })),
  };
  return json(
    {
      ...view,
      records: held,
      pendingClub: pending,
      // The consent text comes from the same list the receipt renders, so both say the same words.
      consentText: consentPageText(view),
      privacy: { ...privacy, datatilsynetUrl: DATATILSYNET_URL },
      token: params.token ?? '',
      locale,
      textVersion: CONSENT_TEXT_VERSION,
      readLog: log.map((l) => ({ role: l.role, at: formatDate(l.at, locale, { dateStyle: 'medium', timeStyle: 'short' }) })),
      answeredAt: view.consent ? formatDate(view.consent.answeredAt, locale, { dateStyle: 'medium' }) : null,
    },
    { headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const r = await referralByGuardianToken(params.token ?? '');
  if (!r) throw new Response('Not found', { status: 404 });
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const language = await getLocale(request);
  if (intent === 'give' && r.status === 'awaiting_consent') {
    await answerConsent(r.id, { answer: 'given', givenBy: 'guardian', method: 'digital', scope: ['guide'], language });
    return json({ done: 'given' });
  }
  if (intent === 'decline' && r.status === 'awaiting_consent') {
    await answerConsent(r.id, { answer: 'declined', givenBy: 'guardian', method: 'digital', scope: [], language });
    return json({ done: 'declined' });
  }
  if (intent === 'club-yes' || intent === 'club-no') {
    // The club the page asked about travels with the answer, so a no is about exactly that club.
    const done = await answerClubConsent(r.id, Number(form.get('club')), intent === 'club-yes' ? 'given' : 'declined', language);
    if (!done) return json({ error: 'invalid' }, { status: 400 });
    return json({ clubAnswer: intent === 'club-yes' ? ('given' as const) : done.withdrewSignup ? ('declinedAfterSignup' as const) : ('declined' as const) });
  }
  if (intent === 'withdraw') {
    // What the withdrawal did, so the guardian sees it reached the club and the guide.
    const ended = await withdrawConsent(r.id, null);
    return json({ done: 'withdrawn', ended: ended && { signupsWithdrawn: ended.signupsWithdrawn, grantsCancelled: ended.grantsCancelled, guideTold: ended.guideTold, coordinatorsTold: ended.coordinatorsTold > 0 } });
  }
  return json({ error: 'invalid' }, { status: 400 });
}

export default function ConsentPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as
    | { done?: string; clubAnswer?: 'given' | 'declined' | 'declinedAfterSignup'; ended?: { signupsWithdrawn: number; grantsCancelled: number; guideTold: boolean; coordinatorsTold: boolean } | null }
    | undefined;
  const { t } = useTranslation(['referral', 'catalogue']);
  if (answer?.done === 'declined' || answer?.done === 'withdrawn') {
    return (
      <div className="page narrow">
        <h1>{t(`consent.done.${answer.done}.title`)}</h1>
        <p className="success" role="status">
          {t(`consent.done.${answer.done}.body`)}
        </p>
        {/* What the withdrawal did: only the steps that happened, under a heading (none over an empty list). */}
        {answer.ended && (answer.ended.signupsWithdrawn > 0 || answer.ended.grantsCancelled > 0 || answer.ended.guideTold || answer.ended.coordinatorsTold) ? (
          <section aria-labelledby="ended-summary">
            <h2 id="ended-summary">{t('consent.ended.title')}</h2>
            <ul className="ended-summary">
              {answer.ended.signupsWithdrawn > 0 ? <li>{t('consent.ended.signups')}</li> : null}
              {answer.ended.grantsCancelled > 0 ? <li>{t('consent.ended.grants')}</li> : null}
              {answer.ended.guideTold ? <li>{t('consent.ended.guide')}</li> : null}
              {answer.ended.coordinatorsTold ? <li>{t('consent.ended.coordinator')}</li> : null}
            </ul>
          </section>
        ) : null}
      </div>
    );
  }
  const given = answer?.done === 'given' || Boolean(data.consent);
  return (
    <div className="page narrow consent-page">
      <h1>{t('consent.title')}</h1>
      {answer?.done === 'given' ? (
        <p className="success" role="status">
          {t('consent.done.given.body')}
        </p>
      ) : null}
      {answer?.clubAnswer ? (
        <p className="success" role="status">
          {t(`consent.clubRequest.answered.${answer.clubAnswer}`)}
        </p>
      ) : null}
      {data.pendingClub && !answer?.clubAnswer ? (
        <section aria-labelledby="club-question" className="help-box">
          <h2 id="club-question">{t('consent.clubRequest.title')}</h2>
          <p>{t('consent.clubRequest.body', { club: data.pendingClub.club, activity: data.pendingClub.activity ?? '—' })}</p>
          <p>{t('consent.clubRequest.what')}</p>
          <Form method="post" className="inline-actions consent-answer">
            <input type="hidden" name="club" value={data.pendingClub.organisationId} />
            <button type="submit" name="intent" value="club-yes">
              {t('consent.clubRequest.yes', { club: data.pendingClub.club })}
            </button>
            <button type="submit" name="intent" value="club-no" className="button--secondary">
              {t('consent.clubRequest.no')}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="who">
        {data.consentText.map((part, i) =>
          part.heading ? (
            <h2 key={i} id={i === 0 ? 'who' : undefined}>
              {t(part.key, part.values)}
            </h2>
          ) : (
            <p key={i}>{t(part.key, part.values)}</p>
          ),
        )}
      </section>
      <PrivacySection contact={data.privacy} referredByStaff={Boolean(data.referrerName)} />
      <section aria-labelledby="held">
        <h2 id="held">{t('consent.held')}</h2>
        <dl className="facts facts--wide">
          <div>
            <dt>{t('new.childFirstName')}</dt>
            <dd>{data.held.childFirstName}</dd>
          </div>
          <div>
            <dt>{t('new.birthYear')}</dt>
            <dd>{data.held.birthYear}</dd>
          </div>
          <div>
            <dt>{t('new.interests')}</dt>
            <dd>{data.held.interests.map((i) => t(`catalogue:category.${i}`)).join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>{t('new.homeLanguages')}</dt>
            <dd>{data.held.homeLanguages.map((l) => t(`catalogue:languageName.${l}`, { defaultValue: l })).join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>{t('new.weekdays')}</dt>
            <dd>{data.held.weekdays.map((d) => t(`catalogue:weekday.${d}`)).join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>{t('new.needs')}</dt>
            <dd>{data.held.needs.map((n) => t(`need.${n}`)).join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>{t('new.helpLevel')}</dt>
            <dd>{t(`helpLevel.${data.held.helpLevel}`)}</dd>
          </div>
          <div>
            <dt>{t('new.area')}</dt>
            <dd>{data.held.area ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('new.wishGender')}</dt>
            <dd>{data.held.wishes.gender ? t(`new.${data.held.wishes.gender}`) : t('new.noWish')}</dd>
          </div>
          <div>
            <dt>{t('consent.yourGuide')}</dt>
            <dd>{data.held.guide ? <UserText text={data.held.guide} /> : '—'}</dd>
          </div>
          {data.held.outcome ? (
            <div>
              <dt>{t('guide.outcome')}</dt>
              <dd>{t(`outcome.${data.held.outcome}`)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('new.guardianName')}</dt>
            <UserText as="dd" text={data.held.guardianName} />
          </div>
          <div>
            <dt>{t('consent.contact')}</dt>
            <dd>
              {/* One per line, each left to right: a phone number in an Arabic line otherwise reads backwards. */}
              {[data.held.guardianPhone, data.held.guardianEmail]
                .filter(Boolean)
                .map((x, i) => (
                  <Fragment key={i}>
                    {i ? <br /> : null}
                    <Ltr>{x}</Ltr>
                  </Fragment>
                ))}
            </dd>
          </div>
        </dl>
        <HeldRecords records={data.records} />
        <p>
          <a href={`/samtykke/${data.token}/data.json`} download="fritidsguide.json" className="no-print">
            {t('consent.download')}
          </a>
        </p>
      </section>
      {!given && data.status === 'awaiting_consent' ? (
        <Form method="post" className="inline-actions consent-answer">
          <button type="submit" name="intent" value="give">
            {t('consent.give')}
          </button>
          <button type="submit" name="intent" value="decline" className="button--secondary">
            {t('consent.decline')}
          </button>
        </Form>
      ) : null}
      {given ? (
        <section aria-labelledby="seen">
          <h2 id="seen">{t('consent.seenBy')}</h2>
          {data.answeredAt ? <p>{t('consent.givenOn', { date: data.answeredAt })}</p> : null}
          <p>
            <a href={`/samtykke/${data.token}/kvittering.txt`} download="samtykke-kvittering.txt" className="no-print">
              {t('consent.receipt.link')}
            </a>
          </p>
          {data.readLog.length === 0 ? <p>{t('consent.nobodyYet')}</p> : null}
          <ul className="plain-list">
            {data.readLog.map((l, i) => (
              <li key={i}>
                {t(`role.${l.role}`, { defaultValue: l.role })} · {l.at}
              </li>
            ))}
          </ul>
          {/* One step, as easy as saying yes: what happens stands right above the button. */}
          <Form method="post" className="help-box">
            <p>{t('consent.withdrawConfirm')}</p>
            <button type="submit" name="intent" value="withdraw">
              {t('consent.withdrawYes')}
            </button>
          </Form>
        </section>
      ) : null}
      <p className="hint">{t('consent.version', { version: data.textVersion })}</p>
    </div>
  );
}

/**
 * Who answers for the data and how to reach them, who already sees it, and the guardian's rights: shown
 * before the answer and after it, and repeated in the receipt.
 */
function PrivacySection({ contact, referredByStaff }: { contact: PrivacyContact & { datatilsynetUrl: string }; referredByStaff: boolean }) {
  const { t } = useTranslation('referral');
  const officer = contact.officer;
  return (
    <section aria-labelledby="privacy-contact" className="help-box privacy-contact">
      <h2 id="privacy-contact">{t('consent.privacy.title')}</h2>
      <dl className="facts facts--wide">
        <div>
          <dt>{t('consent.privacy.controller')}</dt>
          {/* What the kommune typed is Norwegian; the fallback is in the reader's language. */}
          {contact.controller ? <dd lang="nb" dir="ltr">{contact.controller}</dd> : <dd>{t('consent.privacy.controllerKommune', { kommune: contact.kommune })}</dd>}
        </div>
        {officer ? (
          <div>
            <dt>{t('consent.privacy.officer')}</dt>
            <dd>
              {/* One per line: no separator to translate or to flip in right-to-left text. */}
              {[
                officer.name,
                officer.email ? (
                  <a href={`mailto:${officer.email}`} dir="ltr">
                    {officer.email}
                  </a>
                ) : null,
                officer.phone ? (
                  <a href={`tel:${officer.phone.replace(/\s/g, '')}`} dir="ltr" className="nowrap">
                    {officer.phone}
                  </a>
                ) : null,
              ]
                .filter(Boolean)
                .map((x, i) => (
                  <Fragment key={i}>
                    {i ? <br /> : null}
                    {x}
                  </Fragment>
                ))}
            </dd>
          </div>
        ) : null}
      </dl>
      <p>{officer ? t('consent.privacy.officerHelp') : t('consent.privacy.askKommune', { kommune: contact.kommune })}</p>
      <h3>{t('consent.privacy.whoSeesTitle')}</h3>
      <p>{t(referredByStaff ? 'consent.privacy.whoSees' : 'consent.privacy.whoSeesSelf', { kommune: contact.kommune })}</p>
      <h3>{t('consent.privacy.rightsTitle')}</h3>
      <ul className="plain-list">
        <li>{t('consent.privacy.rightAccess')}</li>
        <li>{t('consent.privacy.rightCorrect')}</li>
        <li>{t('consent.privacy.rightDelete')}</li>
        <li>
          {t('consent.privacy.rightComplain')}{' '}
          <a href={contact.datatilsynetUrl}>
            {t('consent.privacy.datatilsynet')}
          </a>{' '}
          (<span dir="ltr">{contact.datatilsynetUrl.replace('https://', '')}</span>)
        </li>
      </ul>
      <p>{t('consent.privacy.rightsHow')}</p>
    </section>
  );
}

type Records = {
  consents: { answer: string; method: string; at: string; withdrawn: string | null; replaced: boolean; guide: boolean; clubs: string[] }[];
  placements: { activity: string; organisation: string; at: string }[];
  followUps: { kind: string; at: string; outcome: string | null; note: string | null }[];
  equipment: { lender: string; items: string[]; from: string }[];
  support: { kind: string; amount: string; scheme: string; period: string }[];
};

/** The rest of what is held: answers given and to whom, sign-ups sent, the guide's follow-ups, equipment and support. */
function HeldRecords({ records }: { records: Records }) {
  const { t } = useTranslation('referral');
  return (
    <>
      {records.consents.length ? (
        <>
          <h3>{t('consent.history')}</h3>
          <ul className="plain-list">
            {records.consents.map((c, i) => (
              <li key={i}>
                {t('consent.historyItem', { date: c.at, answer: t(`consent.answer.${c.answer}`), method: t(`methodShort.${c.method}`) })}
                {c.answer === 'given' ? ` – ${[c.guide ? t('consent.sharedWithGuide') : null, ...c.clubs].filter(Boolean).join(', ')}` : null}
                {c.withdrawn ? ` (${t('consent.withdrawnOn', { date: c.withdrawn })})` : null}
                {c.replaced ? ` (${t('consent.replaced')})` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {records.placements.length ? (
        <>
          <h3>{t('consent.signups')}</h3>
          <ul className="plain-list">
            {records.placements.map((p, i) => (
              <li key={i}>
                <LocalTextInline value={bokmal(p.activity)} /> (<LocalTextInline value={bokmal(p.organisation)} />) · {p.at}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {records.followUps.length ? (
        <>
          <h3>{t('consent.followUps')}</h3>
          <ul className="plain-list">
            {records.followUps.map((f, i) => (
              <li key={i}>
                {t(`followUp.${f.kind}`)} · {f.at}: {f.outcome}
                <UserText as="p" className="hint" text={f.note} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {records.equipment.length ? (
        <>
          <h3>{t('consent.equipment')}</h3>
          <ul className="plain-list">
            {records.equipment.map((e, i) => (
              <li key={i}>
                {e.items.join(', ')} · {e.lender} · {t('equipment.pickupFrom', { date: e.from })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {records.support.length ? (
        <>
          <h3>{t('consent.support')}</h3>
          <ul className="plain-list">
            {records.support.map((g, i) => (
              <li key={i}>
                {t(`support.kind.${g.kind}`)} · {t('support.kr', { amount: g.amount })} · {g.scheme} · {g.period}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
