import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { adaptations, categories, leaderLanguages } from '~/domain/catalogue/taxonomy';
import { ErrorSummary, errorKey, Field } from './ui/field';
import { VenuePicker } from './map/venue-picker';

const costKinds = ['membership', 'training_fee', 'licence', 'equipment', 'uniform', 'trips', 'dugnad', 'other'] as const;
const periods = ['year', 'semester', 'month', 'once'] as const;

export type EditorValues = {
  title?: string; category?: string; description?: string; firstTimeInfo?: string; whatToBring?: string;
  ageMin?: number | string; ageMax?: number | string; gender?: string; level?: string;
  leaderLanguages?: string[]; adaptations?: string[]; trialSession?: boolean; dropIn?: boolean; openForNew?: boolean; waitingList?: boolean;
  capacity?: number | string | null; seasonStart?: string | null; seasonEnd?: string | null;
  contactName?: string | null; contactEmail?: string | null; contactPhone?: string | null; venueId?: number | string | null;
  /** A new venue typed in, kept when the form comes back with errors. */
  venue?: { name?: string; address?: string; postcode?: string; place?: string; lat?: string | number; lon?: string | number; stepFree?: string | boolean };
  sessions?: { weekday: number | string; start: string; end: string }[];
  noSessionDates?: string;
  costs?: { kind: string; amount: number | string; period: string; optional: boolean; hours?: number | string | null }[];
  equipment?: { item: string; required: boolean; source: string; lenderId?: number | string | null; price?: number | string | null }[];
  schemes?: number[]; freePlaces?: number | string | null;
};

type Choices = {
  venues: { id: number; name: string; place: string }[];
  lenders: { id: number; name: string }[];
  schemes: { id: number; name: string; kind: string }[];
};

const pad = <T,>(rows: T[] | undefined, blank: number) => [...(rows ?? []), ...Array.from({ length: blank }, () => undefined)];

/** The whole activity on one page, as a plain form: works without JavaScript; rows come with blanks to fill. */
export function ActivityEditor({ values, choices, errors, lix }: { values: EditorValues; choices: Choices; errors?: Record<string, string>; lix?: { score: number; level: string } | null }) {
  const { t } = useTranslation(['club', 'catalogue']);
  const v = values;
  // A repeated row's input: its own id and, when the row had a problem, the error right under it.
  const cell = (name: string) => ({ id: `field-${name}`, 'aria-invalid': errors?.[name] ? true : undefined, 'aria-describedby': errors?.[name] ? `field-${name}-error` : undefined });
  // Above a table of rows: that a row below has a problem (each is shown beside its input).
  const groupError = (group: string) => {
    const key = Object.keys(errors ?? {}).find((k) => k === group || k.startsWith(`${group}.`));
    return key ? <p className="field__error">{t(key === group ? `common:${errorKey(errors![key])}` : 'editor.rowProblem')}</p> : null;
  };
  const cellError = (name: string) =>
    errors?.[name] ? (
      <span id={`field-${name}-error`} className="field__error">
        {t(`common:${errorKey(errors[name])}`)}
      </span>
    ) : null;
  const sel = (name: string, current: string | undefined, options: [string, string][], label: string) => (
    <div className={`field${errors?.[name] ? ' field--error' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <select id={`field-${name}`} name={name} defaultValue={current ?? ''}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {errors?.[name] ? <span className="field__error">{t(`common:errors.${errors[name]}`)}</span> : null}
    </div>
  );
  return (
    <Form method="post" className="form editor" noValidate>
      <input type="hidden" name="intent" value="save" />
      <ErrorSummary errors={errors} />
      <fieldset>
        <legend>{t('editor.basics')}</legend>
        <Field name="title" label={t('editor.title')} required defaultValue={v.title} error={errors?.title} />
        {sel('category', v.category, [['', t('editor.choose')], ...categories.map((c) => [c, t(`catalogue:category.${c}`)] as [string, string])], t('editor.category'))}
        <Field name="description" as="textarea" label={t('editor.description')} hint={t('editor.descriptionHint')} required defaultValue={v.description} error={errors?.description} />
        {lix ? (
          <p className={`notice${lix.level === 'hard' || lix.level === 'medium' ? ' notice--warning' : ''}`} role="status">
            {t(`editor.lix.${lix.level}`, { score: lix.score })}
          </p>
        ) : null}
        <Field name="firstTimeInfo" as="textarea" label={t('editor.firstTimeInfo')} defaultValue={v.firstTimeInfo} error={errors?.firstTimeInfo} />
        <Field name="whatToBring" as="textarea" label={t('editor.whatToBring')} defaultValue={v.whatToBring} error={errors?.whatToBring} />
      </fieldset>

      <fieldset>
        <legend>{t('editor.forWhom')}</legend>
        <Field name="ageMin" label={t('editor.ageMin')} inputMode="numeric" required defaultValue={v.ageMin} error={errors?.ageMin} />
        <Field name="ageMax" label={t('editor.ageMax')} inputMode="numeric" required defaultValue={v.ageMax} error={errors?.ageMax} />
        {sel('gender', v.gender, ['all', 'girls', 'boys'].map((g) => [g, t(`catalogue:gender.${g}`)]), t('editor.gender'))}
        {sel('level', v.level, ['all', 'beginner', 'experienced'].map((g) => [g, t(`catalogue:level.${g}`)]), t('editor.level'))}
        <fieldset className="checks">
          <legend>{t('editor.leaderLanguages')}</legend>
          {leaderLanguages.map((l) => (
            <label key={l}>
              <input type="checkbox" name="leaderLanguages" value={l} defaultChecked={(v.leaderLanguages ?? ['nb']).includes(l)} /> {t(`catalogue:languageName.${l}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>{t('editor.adaptations')}</legend>
          {adaptations.map((a) => (
            <label key={a}>
              <input type="checkbox" name="adaptations" value={a} defaultChecked={v.adaptations?.includes(a)} /> {t(`catalogue:adaptation.${a}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>{t('editor.options')}</legend>
          <label>
            <input type="checkbox" name="trialSession" value="on" defaultChecked={v.trialSession} /> {t('editor.trialSession')}
          </label>
          <label>
            <input type="checkbox" name="dropIn" value="on" defaultChecked={v.dropIn} /> {t('editor.dropIn')}
          </label>
          <label>
            <input type="checkbox" name="openForNew" value="on" defaultChecked={v.openForNew ?? true} /> {t('editor.openForNew')}
          </label>
          <label>
            <input type="checkbox" name="waitingList" value="on" defaultChecked={v.waitingList ?? false} /> {t('editor.waitingList')}
          </label>
        </fieldset>
        <Field name="capacity" label={t('editor.capacity')} inputMode="numeric" defaultValue={v.capacity ?? ''} error={errors?.capacity} />
      </fieldset>

      <fieldset>
        <legend>{t('editor.when')}</legend>
        <Field name="seasonStart" type="date" label={t('editor.seasonStart')} required defaultValue={v.seasonStart ?? ''} error={errors?.seasonStart} />
        <Field name="seasonEnd" type="date" label={t('editor.seasonEnd')} required defaultValue={v.seasonEnd ?? ''} error={errors?.seasonEnd} />
        {groupError('sessions')}
        <table className="data-table">
          <caption>{t('editor.sessions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('editor.weekday')}</th>
              <th scope="col">{t('editor.start')}</th>
              <th scope="col">{t('editor.end')}</th>
            </tr>
          </thead>
          <tbody>
            {pad(v.sessions, 2).map((row, i) => (
              <tr key={i}>
                <td>
                  <select name={`sessions.${i}.weekday`} defaultValue={row?.weekday ?? ''} aria-label={`${t('editor.weekday')} ${i + 1}`} {...cell(`sessions.${i}.weekday`)}>
                    <option value="">—</option>
                    {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                      <option key={d} value={d}>
                        {t(`catalogue:weekday.${d}`)}
                      </option>
                    ))}
                  </select>
                  {cellError(`sessions.${i}.weekday`)}
                </td>
                <td>
                  <input type="time" name={`sessions.${i}.start`} defaultValue={row?.start ?? ''} aria-label={`${t('editor.start')} ${i + 1}`} {...cell(`sessions.${i}.start`)} />
                  {cellError(`sessions.${i}.start`)}
                </td>
                <td>
                  <input type="time" name={`sessions.${i}.end`} defaultValue={row?.end ?? ''} aria-label={`${t('editor.end')} ${i + 1}`} {...cell(`sessions.${i}.end`)} />
                  {cellError(`sessions.${i}.end`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Field name="noSessionDates" label={t('editor.noSessionDates')} hint={t('editor.noSessionDatesHint')} defaultValue={v.noSessionDates ?? ''} error={errors?.noSessionDates} />
      </fieldset>

      <fieldset>
        <legend>{t('editor.where')}</legend>
        {sel('venueId', v.venueId === null || v.venueId === undefined ? '' : String(v.venueId), [['', t('editor.choose')], ...choices.venues.map((x) => [String(x.id), `${x.name} (${x.place})`] as [string, string]), ['new', t('editor.newVenue')]], t('editor.venue'))}
        <fieldset className="new-venue">
          <legend>{t('editor.newVenueLegend')}</legend>
          <p className="hint">{t('editor.newVenueHint')}</p>
          <Field name="venue.name" label={t('editor.venueName')} defaultValue={v.venue?.name ?? ''} error={errors?.['venue.name']} />
          <Field name="venue.address" label={t('editor.venueAddress')} defaultValue={v.venue?.address ?? ''} error={errors?.['venue.address']} />
          <Field name="venue.postcode" label={t('editor.venuePostcode')} inputMode="numeric" defaultValue={v.venue?.postcode ?? ''} error={errors?.['venue.postcode']} />
          <Field name="venue.place" label={t('editor.venuePlace')} defaultValue={v.venue?.place ?? ''} error={errors?.['venue.place']} />
          <Field name="venue.lat" label={t('editor.venueLat')} hint={t('editor.coordinatesHint')} inputMode="text" defaultValue={v.venue?.lat ?? ''} error={errors?.['venue.lat']} />
          <Field name="venue.lon" label={t('editor.venueLon')} inputMode="text" defaultValue={v.venue?.lon ?? ''} error={errors?.['venue.lon']} />
          <label className="checks">
            <span>
              <input type="checkbox" name="venue.stepFree" value="on" defaultChecked={v.venue?.stepFree === 'on' || v.venue?.stepFree === true} /> {t('editor.venueStepFree')}
            </span>
          </label>
          <VenuePicker />
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>{t('editor.costs')}</legend>
        <p className="hint">{t('editor.costsHint')}</p>
        {groupError('costs')}
        <table className="data-table">
          <caption className="visually-hidden">{t('editor.costs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('editor.costKind')}</th>
              <th scope="col">{t('editor.amount')}</th>
              <th scope="col">{t('editor.period')}</th>
              <th scope="col">{t('editor.optional')}</th>
              <th scope="col">{t('editor.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {pad(v.costs, 3).map((row, i) => (
              <tr key={i}>
                <td>
                  <select name={`costs.${i}.kind`} defaultValue={row?.kind ?? ''} aria-label={`${t('editor.costKind')} ${i + 1}`} {...cell(`costs.${i}.kind`)}>
                    <option value="">—</option>
                    {costKinds.map((k) => (
                      <option key={k} value={k}>
                        {t(`catalogue:costKind.${k}`)}
                      </option>
                    ))}
                  </select>
                  {cellError(`costs.${i}.kind`)}
                </td>
                <td>
                  <input type="number" min={0} step={1} name={`costs.${i}.amount`} defaultValue={row?.amount ?? ''} aria-label={`${t('editor.amount')} ${i + 1}`} {...cell(`costs.${i}.amount`)} />
                  {cellError(`costs.${i}.amount`)}
                </td>
                <td>
                  <select name={`costs.${i}.period`} defaultValue={row?.period ?? 'year'} aria-label={`${t('editor.period')} ${i + 1}`} {...cell(`costs.${i}.period`)}>
                    {periods.map((p) => (
                      <option key={p} value={p}>
                        {t(`catalogue:period.${p}`)}
                      </option>
                    ))}
                  </select>
                  {cellError(`costs.${i}.period`)}
                </td>
                <td>
                  <input type="checkbox" name={`costs.${i}.optional`} value="on" defaultChecked={row?.optional} aria-label={`${t('editor.optional')} ${i + 1}`} />
                </td>
                <td>
                  <input type="number" min={0} name={`costs.${i}.hours`} defaultValue={row?.hours ?? ''} aria-label={`${t('editor.hours')} ${i + 1}`} {...cell(`costs.${i}.hours`)} />
                  {cellError(`costs.${i}.hours`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <fieldset>
        <legend>{t('editor.equipment')}</legend>
        {groupError('equipment')}
        <table className="data-table">
          <caption className="visually-hidden">{t('editor.equipment')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('editor.item')}</th>
              <th scope="col">{t('editor.required')}</th>
              <th scope="col">{t('editor.source')}</th>
              <th scope="col">{t('editor.lender')}</th>
              <th scope="col">{t('editor.price')}</th>
            </tr>
          </thead>
          <tbody>
            {pad(v.equipment, 2).map((row, i) => (
              <tr key={i}>
                <td>
                  <input type="text" name={`equipment.${i}.item`} defaultValue={row?.item ?? ''} aria-label={`${t('editor.item')} ${i + 1}`} {...cell(`equipment.${i}.item`)} />
                  {cellError(`equipment.${i}.item`)}
                </td>
                <td>
                  <input type="checkbox" name={`equipment.${i}.required`} value="on" defaultChecked={row?.required ?? true} aria-label={`${t('editor.required')} ${i + 1}`} />
                </td>
                <td>
                  <select name={`equipment.${i}.source`} defaultValue={row?.source ?? 'provided'} aria-label={`${t('editor.source')} ${i + 1}`} {...cell(`equipment.${i}.source`)}>
                    <option value="provided">{t('editor.sourceProvided')}</option>
                    <option value="lend">{t('editor.sourceLend')}</option>
                    <option value="buy">{t('editor.sourceBuy')}</option>
                  </select>
                  {cellError(`equipment.${i}.source`)}
                </td>
                <td>
                  <select name={`equipment.${i}.lenderId`} defaultValue={row?.lenderId ? String(row.lenderId) : ''} aria-label={`${t('editor.lender')} ${i + 1}`} {...cell(`equipment.${i}.lenderId`)}>
                    <option value="">—</option>
                    {choices.lenders.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                  {cellError(`equipment.${i}.lenderId`)}
                </td>
                <td>
                  <input type="number" min={0} name={`equipment.${i}.price`} defaultValue={row?.price ?? ''} aria-label={`${t('editor.price')} ${i + 1}`} {...cell(`equipment.${i}.price`)} />
                  {cellError(`equipment.${i}.price`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <fieldset>
        <legend>{t('editor.support')}</legend>
        <fieldset className="checks">
          <legend>{t('editor.schemes')}</legend>
          {choices.schemes
            .filter((x) => x.kind !== 'free_place')
            .map((x) => (
              <label key={x.id}>
                <input type="checkbox" name="schemes" value={x.id} defaultChecked={v.schemes?.includes(x.id)} /> {x.name}
              </label>
            ))}
        </fieldset>
        <Field name="freePlaces" label={t('editor.freePlaces')} hint={t('editor.freePlacesHint')} inputMode="numeric" defaultValue={v.freePlaces ?? ''} error={errors?.freePlaces} />
      </fieldset>

      <fieldset>
        <legend>{t('editor.contact')}</legend>
        <Field name="contactName" label={t('editor.contactName')} defaultValue={v.contactName ?? ''} error={errors?.contactName} />
        <Field name="contactEmail" type="email" label={t('editor.contactEmail')} defaultValue={v.contactEmail ?? ''} error={errors?.contactEmail} />
        <Field name="contactPhone" type="tel" label={t('editor.contactPhone')} defaultValue={v.contactPhone ?? ''} error={errors?.contactPhone} />
      </fieldset>
      <div>
        <button type="submit">{t('editor.save')}</button>
      </div>
    </Form>
  );
}
