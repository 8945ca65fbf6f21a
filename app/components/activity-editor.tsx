import { Form } from '@remix-run/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { adaptations, categories, leaderLanguages } from '~/domain/catalogue/taxonomy';
import { ErrorSummary, errorKey, Field } from './ui/field';
import { VenuePicker } from './map/venue-picker';

const costKinds = ['membership', 'training_fee', 'licence', 'equipment', 'uniform', 'trips', 'dugnad', 'other'] as const;
const periods = ['year', 'semester', 'month', 'once'] as const;

export type EditorValues = {
  title?: string; category?: string; categoryOther?: string | null; description?: string; firstTimeInfo?: string; whatToBring?: string;
  ageMin?: number | string; ageMax?: number | string; gender?: string; level?: string;
  leaderLanguages?: string[]; adaptations?: string[]; trialSession?: boolean; dropIn?: boolean; openForNew?: boolean; waitingList?: boolean;
  capacity?: number | string | null; seasonStart?: string | null; seasonEnd?: string | null;
  contactName?: string | null; contactEmail?: string | null; contactPhone?: string | null; venueId?: number | string | null;
  /** A new venue typed in, kept when the form comes back with errors. */
  venue?: { name?: string; address?: string; postcode?: string; place?: string; lat?: string | number | null; lon?: string | number | null; stepFree?: string | boolean };
  sessions?: { weekday: number | string | null; start: string; end: string }[];
  noSessionDates?: string;
  costs?: { kind: string | null; amount: number | string | null; period: string | null; optional: boolean; hours?: number | string | null }[];
  equipment?: { item: string; required: boolean; source: string | null; lenderId?: number | string | null; price?: number | string | null }[];
  schemes?: number[]; freePlaces?: number | string | null;
};

type Choices = {
  venues: { id: number; name: string; place: string }[];
  /** The kommune's lenders and what each lends, offered for the item of a row borrowed there. */
  lenders: { id: number; name: string; items?: string[] }[];
  schemes: { id: number; name: string; kind: string }[];
};

/** The label of each field (club namespace), the one source for the form's labels and its error messages. */
const labelKeys: Record<string, string> = {
  title: 'editor.title', category: 'editor.category', categoryOther: 'editor.categoryOther', description: 'editor.description',
  firstTimeInfo: 'editor.firstTimeInfo', whatToBring: 'editor.whatToBring', ageMin: 'editor.ageMin', ageMax: 'editor.ageMax',
  gender: 'editor.gender', level: 'editor.level', leaderLanguages: 'editor.leaderLanguages', adaptations: 'editor.adaptations',
  capacity: 'editor.capacity', seasonStart: 'editor.seasonStart', seasonEnd: 'editor.seasonEnd', noSessionDates: 'editor.noSessionDates',
  venueId: 'editor.venue', 'venue.name': 'editor.venueName', 'venue.address': 'editor.venueAddress', 'venue.postcode': 'editor.venuePostcode',
  'venue.place': 'editor.venuePlace', 'venue.lat': 'editor.venueLat', 'venue.lon': 'editor.venueLon', schemes: 'editor.schemes',
  freePlaces: 'editor.freePlaces', contactName: 'editor.contactName', contactEmail: 'editor.contactEmail', contactPhone: 'editor.contactPhone',
};
/** Repeated rows: the row's name ("Kostnad 2") and each of its fields. */
const rowKeys: Record<string, Record<string, string>> = {
  sessions: { row: 'editor.sessionRow', weekday: 'editor.weekday', start: 'editor.start', end: 'editor.end' },
  costs: { row: 'editor.costRow', kind: 'editor.costKind', amount: 'editor.amount', period: 'editor.period', optional: 'editor.optional', hours: 'editor.hours' },
  equipment: { row: 'editor.equipmentRow', item: 'editor.itemName', required: 'editor.required', source: 'editor.source', lenderId: 'editor.lender', price: 'editor.price' },
};

/** A field's name in words, as its label says it; a row's field also names its row ("Kostnad 2 – Beløp (kr)"). */
export function editorFieldLabel(name: string, t: TFunction) {
  const [group, index, field] = name.split('.');
  if (rowKeys[group] && field) return t('club:editor.rowField', { row: t(rowKeys[group].row, { ns: 'club', n: Number(index) + 1 }), field: t(rowKeys[group][field] ?? field, { ns: 'club' }) });
  return labelKeys[name] ? t(labelKeys[name], { ns: 'club' }) : name;
}

/** A problem's message key with its namespace: common's errors unless the key names another. */
const messageKey = (key: string) => (key.includes(':') ? key : `common:${errorKey(key)}`);

/** Every error of the form worded with its field's name, so it reads on its own (in the summary, to a screen reader). */
export function editorErrorMessages(errors: Record<string, string> | undefined, params: Record<string, Record<string, unknown>> | undefined, t: TFunction) {
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([name, key]) => [name, t('common:errors.withField', { field: editorFieldLabel(name, t), message: t(messageKey(key), params?.[name] ?? {}) })]),
  ) as Record<string, string>;
}

const pad = <T,>(rows: T[] | undefined, blank: number) => [...(rows ?? []), ...Array.from({ length: blank }, () => undefined)];
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The whole activity on one page, as a plain form: works without JavaScript; rows come with blanks to fill. */
export function ActivityEditor({ values, choices, errors, errorParams, lix }: {
  values: EditorValues; choices: Choices; errors?: Record<string, string>; errorParams?: Record<string, Record<string, unknown>>; lix?: { score: number; level: string } | null;
}) {
  const { t } = useTranslation(['club', 'catalogue', 'common']);
  const v = values;
  const messages = editorErrorMessages(errors, errorParams, t);
  // Any input: its id, and when it has a problem, aria-invalid and the message it is described by.
  const wire = (name: string, hint?: boolean) => ({
    id: `field-${name}`,
    name,
    'aria-invalid': errors?.[name] ? true : undefined,
    'aria-describedby': [hint ? `field-${name}-hint` : null, errors?.[name] ? `field-${name}-error` : null].filter(Boolean).join(' ') || undefined,
  });
  const errorOf = (name: string) =>
    errors?.[name] ? (
      <span id={`field-${name}-error`} className="field__error">
        {messages[name]}
      </span>
    ) : null;
  // Numbers, dates, e-mail addresses and phone numbers read left to right on every page: on a right-to-left
  // page "1 250,50" would otherwise show as "250,50 1".
  const field = (name: string, extra: { label?: string; hint?: string; as?: 'textarea'; type?: string; inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text'; required?: boolean; defaultValue?: string | number | null; ltr?: boolean }) => (
    <Field
      name={name}
      label={extra.label ?? editorFieldLabel(name, t)}
      hint={extra.hint}
      as={extra.as}
      type={extra.type}
      inputMode={extra.inputMode}
      required={extra.required}
      defaultValue={text(extra.defaultValue)}
      error={errors?.[name]}
      errorText={messages[name]}
      dir={extra.ltr || extra.inputMode ? 'ltr' : undefined}
    />
  );
  const select = (name: string, current: unknown, options: [string, string][], opts: { label?: string; hint?: string; required?: boolean } = {}) => (
    <div className={`field${errors?.[name] ? ' field--error' : ''}`}>
      <label htmlFor={`field-${name}`}>{opts.label ?? editorFieldLabel(name, t)}</label>
      {opts.hint ? (
        <span id={`field-${name}-hint`} className="hint">
          {opts.hint}
        </span>
      ) : null}
      {errorOf(name)}
      <select {...wire(name, Boolean(opts.hint))} defaultValue={text(current)} required={opts.required}>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
  // A field of a repeated row: a visible label (the row's legend says which row), its error, the input.
  const cell = (group: string, i: number, key: string, input: (props: ReturnType<typeof wire>) => JSX.Element) => {
    const name = `${group}.${i}.${key}`;
    return (
      <div className={`field${errors?.[name] ? ' field--error' : ''}`}>
        <label htmlFor={`field-${name}`}>{t(rowKeys[group][key])}</label>
        {errorOf(name)}
        {input(wire(name))}
      </div>
    );
  };
  const tick = (group: string, i: number, key: string, checked: boolean | undefined) => (
    <div className="field editor-row__check">
      <label>
        <input type="checkbox" id={`field-${group}.${i}.${key}`} name={`${group}.${i}.${key}`} value="on" defaultChecked={checked} /> {t(rowKeys[group][key])}
      </label>
    </div>
  );
  // Above a list of rows: that a row below has a problem (each is shown beside its input).
  const groupError = (group: string) =>
    Object.keys(errors ?? {}).some((k) => k.startsWith(`${group}.`)) ? <p className="field__error">{t('editor.rowProblem')}</p> : null;
  const checkGroup = (name: string, options: [string, string][], checked: (value: string) => boolean) => (
    <fieldset className="checks" id={`field-${name}`} aria-describedby={errors?.[name] ? `field-${name}-error` : undefined}>
      <legend>{editorFieldLabel(name, t)}</legend>
      {errorOf(name)}
      {options.map(([value, label]) => (
        <label key={value}>
          <input type="checkbox" name={name} value={value} defaultChecked={checked(value)} /> {label}
        </label>
      ))}
    </fieldset>
  );
  // What can be borrowed: a row borrowed at a lender is offered that lender's items; any other row the
  // items of every lender of the kommune (typing one may remind the club it can be borrowed). Without
  // JavaScript the choice follows what was saved; with it, it follows the row's source and lender at once.
  const lenderLists = [
    ...(choices.lenders.some((l) => l.items?.length) ? [{ id: 'lender-items', items: [...new Set(choices.lenders.flatMap((l) => l.items ?? []))] }] : []),
    ...choices.lenders.filter((l) => l.items?.length).map((l) => ({ id: `lender-items-${l.id}`, items: l.items ?? [] })),
  ];
  const itemList = (source: string | null | undefined, lenderId: unknown) => {
    const own = source === 'lend' && lenderId ? `lender-items-${String(lenderId)}` : null;
    return lenderLists.find((l) => l.id === own)?.id ?? lenderLists.find((l) => l.id === 'lender-items')?.id;
  };
  const offerItems = (i: number, form: HTMLFormElement | null) => {
    const value = (key: string) => (form?.elements.namedItem(`equipment.${i}.${key}`) as HTMLSelectElement | null)?.value;
    const list = itemList(value('source'), value('lenderId'));
    const input = form?.elements.namedItem(`equipment.${i}.item`) as HTMLInputElement | null;
    if (list) input?.setAttribute('list', list);
    else input?.removeAttribute('list');
  };
  return (
    // noValidate: the server checks every field and answers in the reader's language, naming the field;
    // the browser's own bubbles would be in the browser's language and name nothing.
    <Form method="post" className="form editor" noValidate>
      <input type="hidden" name="intent" value="save" />
      <ErrorSummary errors={errors} messages={messages} />
      <fieldset>
        <legend>{t('editor.basics')}</legend>
        {field('title', { required: true, defaultValue: v.title })}
        {select('category', v.category, [['', t('editor.choose')], ...categories.map((c) => [c, t(`catalogue:category.${c}`)] as [string, string])], { required: true })}
        {field('categoryOther', { hint: t('editor.categoryOtherHint'), defaultValue: v.categoryOther })}
        {field('description', { as: 'textarea', hint: t('editor.descriptionHint'), required: true, defaultValue: v.description })}
        {lix ? (
          <p className={`notice${lix.level === 'hard' || lix.level === 'medium' ? ' notice--warning' : ''}`} role="status">
            {t(`editor.lix.${lix.level}`, { score: lix.score })}
          </p>
        ) : null}
        {field('firstTimeInfo', { as: 'textarea', defaultValue: v.firstTimeInfo })}
        {field('whatToBring', { as: 'textarea', defaultValue: v.whatToBring })}
      </fieldset>

      <fieldset>
        <legend>{t('editor.forWhom')}</legend>
        {field('ageMin', { inputMode: 'numeric', required: true, defaultValue: v.ageMin })}
        {field('ageMax', { inputMode: 'numeric', required: true, defaultValue: v.ageMax })}
        {select('gender', v.gender, ['all', 'girls', 'boys'].map((g) => [g, t(`catalogue:gender.${g}`)]))}
        {select('level', v.level, ['all', 'beginner', 'experienced'].map((g) => [g, t(`catalogue:level.${g}`)]))}
        {checkGroup('leaderLanguages', leaderLanguages.map((l) => [l, t(`catalogue:languageName.${l}`)]), (l) => (v.leaderLanguages ?? ['nb']).includes(l))}
        {checkGroup('adaptations', adaptations.map((a) => [a, t(`catalogue:adaptation.${a}`)]), (a) => Boolean(v.adaptations?.includes(a)))}
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
        {field('capacity', { inputMode: 'numeric', defaultValue: v.capacity })}
      </fieldset>

      <fieldset>
        <legend>{t('editor.when')}</legend>
        {field('seasonStart', { type: 'date', required: true, defaultValue: v.seasonStart })}
        {field('seasonEnd', { type: 'date', required: true, defaultValue: v.seasonEnd })}
        <fieldset className="editor-rows">
          <legend>{t('editor.sessions')}</legend>
          {groupError('sessions')}
          {pad(v.sessions, 2).map((row, i) => (
            <fieldset key={i} className="editor-row">
              <legend>{t('editor.sessionRow', { n: i + 1 })}</legend>
              {cell('sessions', i, 'weekday', (p) => (
                <select {...p} defaultValue={text(row?.weekday)}>
                  <option value="">—</option>
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                    <option key={d} value={d}>
                      {t(`catalogue:weekday.${d}`)}
                    </option>
                  ))}
                </select>
              ))}
              {cell('sessions', i, 'start', (p) => <input type="time" {...p} defaultValue={row?.start ?? ''} />)}
              {cell('sessions', i, 'end', (p) => <input type="time" {...p} defaultValue={row?.end ?? ''} />)}
            </fieldset>
          ))}
        </fieldset>
        {field('noSessionDates', { hint: t('editor.noSessionDatesHint'), defaultValue: v.noSessionDates, ltr: true })}
      </fieldset>

      <fieldset>
        <legend>{t('editor.where')}</legend>
        {select('venueId', v.venueId, [['', t('editor.choose')], ...choices.venues.map((x) => [String(x.id), `${x.name} (${x.place})`] as [string, string]), ['new', t('editor.newVenue')]], { required: true })}
        <fieldset className="new-venue">
          <legend>{t('editor.newVenueLegend')}</legend>
          <p className="hint">{t('editor.newVenueHint')}</p>
          {field('venue.name', { defaultValue: v.venue?.name })}
          {field('venue.address', { defaultValue: v.venue?.address })}
          {field('venue.postcode', { inputMode: 'numeric', defaultValue: v.venue?.postcode })}
          {field('venue.place', { defaultValue: v.venue?.place })}
          {field('venue.lat', { hint: t('editor.coordinatesHint'), inputMode: 'decimal', defaultValue: v.venue?.lat })}
          {field('venue.lon', { inputMode: 'decimal', defaultValue: v.venue?.lon })}
          <label className="checks">
            <span>
              <input type="checkbox" name="venue.stepFree" value="on" defaultChecked={v.venue?.stepFree === 'on' || v.venue?.stepFree === true} /> {t('editor.venueStepFree')}
            </span>
          </label>
          <VenuePicker />
        </fieldset>
      </fieldset>

      <fieldset className="editor-rows">
        <legend>{t('editor.costs')}</legend>
        <p className="hint">{t('editor.costsHint')}</p>
        {groupError('costs')}
        {pad(v.costs, 3).map((row, i) => (
          <fieldset key={i} className="editor-row">
            <legend>{t('editor.costRow', { n: i + 1 })}</legend>
            {cell('costs', i, 'kind', (p) => (
              <select {...p} defaultValue={text(row?.kind)}>
                <option value="">—</option>
                {costKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`catalogue:costKind.${k}`)}
                  </option>
                ))}
              </select>
            ))}
            {cell('costs', i, 'amount', (p) => <input type="text" dir="ltr" inputMode="decimal" {...p} defaultValue={text(row?.amount)} />)}
            {cell('costs', i, 'period', (p) => (
              <select {...p} defaultValue={row?.period ?? 'year'}>
                {periods.map((x) => (
                  <option key={x} value={x}>
                    {t(`catalogue:period.${x}`)}
                  </option>
                ))}
              </select>
            ))}
            {cell('costs', i, 'hours', (p) => <input type="text" dir="ltr" inputMode="numeric" {...p} defaultValue={text(row?.hours)} />)}
            {tick('costs', i, 'optional', row?.optional)}
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="editor-rows">
        <legend>{t('editor.equipment')}</legend>
        {groupError('equipment')}
        {lenderLists.map((l) => (
          <datalist key={l.id} id={l.id}>
            {l.items.map((item) => (
              <option key={item} value={item} />
            ))}
          </datalist>
        ))}
        {pad(v.equipment, 2).map((row, i) => (
          <fieldset key={i} className="editor-row">
            <legend>{t('editor.equipmentRow', { n: i + 1 })}</legend>
            {cell('equipment', i, 'item', (p) => <input type="text" dir="auto" {...p} list={itemList(row?.source, row?.lenderId)} defaultValue={row?.item ?? ''} />)}
            {cell('equipment', i, 'source', (p) => (
              <select {...p} defaultValue={row?.source ?? 'provided'} onChange={(e) => offerItems(i, e.currentTarget.form)}>
                <option value="provided">{t('editor.sourceProvided')}</option>
                <option value="lend">{t('editor.sourceLend')}</option>
                <option value="buy">{t('editor.sourceBuy')}</option>
              </select>
            ))}
            {cell('equipment', i, 'lenderId', (p) => (
              <select {...p} defaultValue={text(row?.lenderId)} onChange={(e) => offerItems(i, e.currentTarget.form)}>
                <option value="">—</option>
                {choices.lenders.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            ))}
            {cell('equipment', i, 'price', (p) => <input type="text" dir="ltr" inputMode="decimal" {...p} defaultValue={text(row?.price)} />)}
            {tick('equipment', i, 'required', row?.required ?? true)}
          </fieldset>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('editor.support')}</legend>
        {checkGroup(
          'schemes',
          choices.schemes.filter((x) => x.kind !== 'free_place').map((x) => [String(x.id), x.name]),
          (id) => Boolean(v.schemes?.includes(Number(id))),
        )}
        {field('freePlaces', { hint: t('editor.freePlacesHint'), inputMode: 'numeric', defaultValue: v.freePlaces })}
      </fieldset>

      <fieldset>
        <legend>{t('editor.contact')}</legend>
        {field('contactName', { defaultValue: v.contactName })}
        {field('contactEmail', { type: 'email', defaultValue: v.contactEmail, ltr: true })}
        {field('contactPhone', { type: 'tel', defaultValue: v.contactPhone, ltr: true })}
      </fieldset>
      <div>
        <button type="submit">{t('editor.save')}</button>
      </div>
    </Form>
  );
}
