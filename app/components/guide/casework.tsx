import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, errorKey, Field } from '~/components/ui/field';
import { kroner } from '~/utils/format';
import { bokmal, LocalTextInline, UserText } from '~/components/local-text';

// The sections of the guide's page for one child: follow-ups, support and equipment. Each is a plain
// form posting an `intent` to the page's action, so all of it works without JavaScript.

type Errors = Record<string, string> | undefined;
type Values = Record<string, string> | undefined;

export type FollowUpRow = { id: number; kind: string; due: string | null; done: string | null; outcome: string | null; note: string | null; overdue: boolean };

/** The follow-up plan with outcomes and notes: the guide's page, and the coordinator's (read only). */
export function FollowUpTable({ plan }: { plan: FollowUpRow[] }) {
  const { t } = useTranslation('referral');
  return (
    <>
      {plan.length ? (
        <table className="data-table stack-table">
          <caption className="visually-hidden">{t('followUpPlan.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('guide.followUpKind')}</th>
              <th scope="col">{t('followUpPlan.due')}</th>
              <th scope="col">{t('followUpPlan.state')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.map((f) => (
              <tr key={f.id}>
                <td data-label={t('guide.followUpKind')}>{t(`followUp.${f.kind}`)}</td>
                <td data-label={t('followUpPlan.due')}>{f.due ?? '—'}</td>
                <td data-label={t('followUpPlan.state')}>
                  {f.done ? (
                    <>
                      {t('followUpPlan.done', { date: f.done })}: {f.outcome}
                      <UserText as="p" className="hint" text={f.note} />
                    </>
                  ) : f.overdue ? (
                    <span className="status status--declined">{t('followUpPlan.overdue')}</span>
                  ) : (
                    <span className="status">{t('followUpPlan.open')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('followUpPlan.none')}</p>
      )}
    </>
  );
}

const followUpKinds = ['first_contact', 'first_session', 'month_1', 'month_3', 'month_6'] as const;

export function FollowUpSection({ plan, errors, values }: { plan: FollowUpRow[]; errors: Errors; values: Values }) {
  const { t } = useTranslation('referral');
  const next = plan.find((f) => !f.done)?.kind ?? 'first_contact';
  return (
    <section aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">{t('guide.followUp')}</h2>
      <FollowUpTable plan={plan} />
      <Form method="post" className="form" noValidate>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="intent" value="follow-up" />
        <div className="field">
          <label htmlFor="field-kind">{t('guide.followUpKind')}</label>
          <select id="field-kind" name="kind" defaultValue={values?.kind ?? next}>
            {followUpKinds.map((k) => (
              <option key={k} value={k}>
                {t(`followUp.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <Field name="outcome" label={t('guide.followUpOutcome')} required defaultValue={values?.outcome} error={errors?.outcome} />
        <Field name="note" as="textarea" label={t('guide.note')} hint={t('guide.noteHint')} defaultValue={values?.note} error={errors?.note} />
        <div>
          <button type="submit">{t('guide.saveFollowUp')}</button>
        </div>
      </Form>
    </section>
  );
}

type SupportOption = { activityId: number; title: string; kinds: { kind: string; costOre: number; schemes: { id: number; name: string; maxAmountOre: number | null; suggestedOre: number }[] }[] };
type Grant = { id: number; kind: string; amountOre: number; period: string; scheme: string; activity: string | null };

export function SupportSection({ options, grants, errors, values }: { options: SupportOption[]; grants: Grant[]; errors: Errors; values: Values }) {
  const { t } = useTranslation('referral');
  return (
    <section aria-labelledby="support-heading">
      <h2 id="support-heading">{t('support.title')}</h2>
      <p className="hint">{t('support.discreet')}</p>
      {grants.length ? (
        <table className="data-table stack-table">
          <caption>{t('support.granted')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('support.activity')}</th>
              <th scope="col">{t('support.kindLabel')}</th>
              <th scope="col">{t('support.scheme')}</th>
              <th scope="col">{t('support.amount')}</th>
              <th scope="col">{t('support.period')}</th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.id}>
                <td data-label={t('support.activity')}>{g.activity ?? '—'}</td>
                <td data-label={t('support.kindLabel')}>{t(`support.kind.${g.kind}`)}</td>
                <td data-label={t('support.scheme')}>{g.scheme}</td>
                <td data-label={t('support.amount')}>{t('support.kr', { amount: kroner(g.amountOre) })}</td>
                <td data-label={t('support.period')}>{g.period}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {options.length === 0 ? <p>{t('support.placeFirst')}</p> : null}
      {options.map((o) => (
        <div key={o.activityId}>
          <h3>
            <LocalTextInline value={bokmal(o.title)} />
          </h3>
          {o.kinds.length === 0 ? <p>{t('support.nothingToCover')}</p> : null}
          {o.kinds.map((k) => {
            const mine = values?.activityId === String(o.activityId) && values?.kind === k.kind;
            const id = `grant-${o.activityId}-${k.kind}`;
            // The error of the form that was sent, beside the field it is about (this section has one form per kind).
            const problem = mine && errors ? Object.entries(errors)[0] : undefined;
            const describedBy = (field: string) => (problem?.[0] === field ? `${id}-error` : undefined);
            return (
              <Form key={k.kind} method="post" className="inline-actions grant-form" aria-labelledby={`${id}-label`}>
                <input type="hidden" name="intent" value="grant" />
                <input type="hidden" name="activityId" value={o.activityId} />
                <input type="hidden" name="kind" value={k.kind} />
                <p id={`${id}-label`}>
                  <strong>{t(`support.kind.${k.kind}`)}</strong> · {t('support.costs', { amount: kroner(k.costOre) })}
                </p>
                {problem ? (
                  <p id={`${id}-error`} className="field__error" role="alert">
                    {t(errorKey(problem[1]), { ns: 'common' })}
                  </p>
                ) : null}
                <div className="field">
                  <label htmlFor={`${id}-scheme`}>{t('support.scheme')}</label>
                  <select id={`${id}-scheme`} name="schemeId" defaultValue={mine ? values?.schemeId : undefined} aria-invalid={describedBy('schemeId') ? true : undefined} aria-describedby={describedBy('schemeId')}>
                    {k.schemes.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.maxAmountOre === null ? x.name : t('support.schemeMax', { name: x.name, amount: kroner(x.maxAmountOre) })}
                      </option>
                    ))}
                  </select>
                </div>
                <div className={`field${describedBy('amountKr') ? ' field--error' : ''}`}>
                  <label htmlFor={`${id}-amount`}>{t('support.amountKr')}</label>
                  <input id={`${id}-amount`} name="amountKr" inputMode="numeric" size={7} defaultValue={mine ? values?.amountKr : Math.round(k.schemes[0].suggestedOre / 100)} aria-invalid={describedBy('amountKr') ? true : undefined} aria-describedby={describedBy('amountKr')} />
                </div>
                <button type="submit">{t('support.grant')}</button>
              </Form>
            );
          })}
        </div>
      ))}
    </section>
  );
}

type EquipmentOptions = {
  lenders: { id: number; name: string; address: string; openingHours: string; lends: string }[];
  items: { activityId: number; activity: string; item: string; source: string; lenderId: number | null; required: boolean }[];
};
type Loan = { id: number; lender: string; items: string[]; pickupOn: string; status: string; familyTold: boolean };

const loanStatuses = ['arranged', 'picked_up', 'returned'] as const;

export function EquipmentSection({ options, loans, errors, values, lists, today, canTell }: { options: EquipmentOptions; loans: Loan[]; errors: Errors; values: Values; lists?: Record<string, string[]>; today: string; canTell: boolean }) {
  const { t } = useTranslation('referral');
  return (
    <section aria-labelledby="equipment-heading">
      <h2 id="equipment-heading">{t('equipment.title')}</h2>
      {loans.length ? (
        <ul className="plain-list">
          {loans.map((l) => (
            <li key={l.id}>
              <strong>{l.items.join(', ')}</strong> · {l.lender} · {t('equipment.pickupFrom', { date: l.pickupOn })}
              {l.familyTold ? ` · ${t('equipment.familyTold')}` : null}
              <Form method="post" className="inline-actions">
                <input type="hidden" name="intent" value="loan-status" />
                <input type="hidden" name="loanId" value={l.id} />
                <label htmlFor={`loan-${l.id}`}>{t('equipment.statusLabel')}</label>
                <select id={`loan-${l.id}`} name="status" defaultValue={l.status}>
                  {loanStatuses.map((st) => (
                    <option key={st} value={st}>
                      {t(`equipment.status.${st}`)}
                    </option>
                  ))}
                </select>
                <button type="submit" className="button--secondary">
                  {t('equipment.saveStatus')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      {options.lenders.length === 0 ? (
        <p>{t('equipment.noLender')}</p>
      ) : (
        <Form method="post" className="form" noValidate>
          <h3>{t('equipment.arrange')}</h3>
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value="loan" />
          <div className={`field${errors?.lenderId ? ' field--error' : ''}`}>
            <label htmlFor="field-lenderId">{t('equipment.lender')}</label>
            <select id="field-lenderId" name="lenderId" defaultValue={values?.lenderId}>
              {options.lenders.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}, {l.address} ({l.openingHours})
                </option>
              ))}
            </select>
            <span className="hint">{t('equipment.lends', { what: options.lenders.map((l) => l.lends).join(' / ') })}</span>
          </div>
          <fieldset className={`checks${errors?.items ? ' field--error' : ''}`} id="field-items" aria-describedby={errors?.items ? 'field-items-error' : undefined}>
            <legend>{t('equipment.items')}</legend>
            {errors?.items ? (
              <span id="field-items-error" className="field__error">
                {t(errorKey(errors.items), { ns: 'common' })}
              </span>
            ) : null}
            {options.items.map((i, n) => (
              <label key={n}>
                <input type="checkbox" name="items" value={i.item} defaultChecked={values ? (lists?.items ?? []).includes(i.item) : i.source === 'lend'} /> {i.item} ({i.activity}
                {i.source === 'lend' ? `, ${t('equipment.lendable')}` : ''})
              </label>
            ))}
            <Field name="otherItems" label={t('equipment.otherItems')} hint={t('equipment.otherItemsHint')} defaultValue={values?.otherItems} />
          </fieldset>
          <Field name="pickupOn" type="date" label={t('equipment.pickupOn')} required defaultValue={values?.pickupOn ?? today} error={errors?.pickupOn} />
          {canTell ? (
            <label>
              <input type="checkbox" name="tellFamily" defaultChecked={values ? values.tellFamily === 'on' : true} /> {t('equipment.tellFamily')}
            </label>
          ) : null}
          <div>
            <button type="submit">{t('equipment.save')}</button>
          </div>
        </Form>
      )}
    </section>
  );
}
