import { Form } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adaptations, categories, leaderLanguages } from '~/domain/catalogue/taxonomy';
import { sortings, type SearchParams } from '~/domain/catalogue/search-params';
import { useKeepLng } from './link';

type Props = {
  params: SearchParams;
  kommuner: { name: string; slug: string }[];
  areas: { name: string; slug: string; kommune: string }[];
};

const flags = ['gratis', 'prove', 'utlan', 'stotte', 'dropin', 'nybegynner'] as const;

/** The whole search as one GET form: the address is the state, and it works without JavaScript. */
export function SearchFilters({ params, kommuner, areas }: Props) {
  const { t } = useTranslation('catalogue');
  const lng = useKeepLng();
  const formRef = useRef<HTMLFormElement>(null);
  const activeCount = Object.entries(params).filter(([k, v]) => !['q', 'side', 'sortering', 'lat', 'lon', 'nye'].includes(k) && v !== undefined).length;
  return (
    <Form method="get" action="/aktiviteter" className="filters" ref={formRef} aria-label={t('filter.formLabel')}>
      {lng ? <input type="hidden" name="lng" value={lng} /> : null}
      <div className="field">
        <label htmlFor="f-q">{t('filter.q.label')}</label>
        <input id="f-q" name="q" type="search" dir="auto" defaultValue={params.q ?? ''} placeholder={t('filter.q.placeholder')} />
      </div>
      <div className="field">
        <label htmlFor="f-alder">{t('filter.alder.label')}</label>
        <input id="f-alder" name="alder" type="number" inputMode="numeric" min={0} max={25} defaultValue={params.alder ?? ''} aria-describedby="f-alder-hint" />
        <span id="f-alder-hint" className="hint">
          {t('filter.alder.hint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="f-kategori">{t('filter.kategori.label')}</label>
        <select id="f-kategori" name="kategori" defaultValue={params.kategori?.[0] ?? ''}>
          <option value="">{t('filter.all')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-kommune">{t('filter.kommune.label')}</label>
        <select id="f-kommune" name="kommune" defaultValue={params.kommune ?? ''}>
          <option value="">{t('filter.all')}</option>
          {kommuner.map((k) => (
            <option key={k.slug} value={k.slug}>
              {k.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-omrade">{t('filter.omrade.label')}</label>
        <select id="f-omrade" name="omrade" defaultValue={params.omrade ?? ''}>
          <option value="">{t('filter.all')}</option>
          {kommuner.map((k) => (
            <optgroup key={k.slug} label={k.name}>
              {areas
                .filter((a) => a.kommune === k.slug)
                .map((a) => (
                  <option key={a.slug} value={a.slug}>
                    {a.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-maks">{t('filter.maks_pris.label')}</label>
        <input id="f-maks" name="maks_pris" type="number" inputMode="numeric" min={0} step={100} defaultValue={params.maks_pris ?? ''} />
      </div>
      <fieldset className="field checks">
        <legend>{t('filter.dag.label')}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <label key={d}>
            <input type="checkbox" name="dag" value={d} defaultChecked={params.dag?.includes(d)} /> {t(`weekday.${d}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field checks">
        <legend>{t('filter.options')}</legend>
        {/* On by default: the hidden 0 is what an unticked box leaves behind (a ticked one adds 1 after it). */}
        <input type="hidden" name="nye" value="0" />
        <label>
          <input type="checkbox" name="nye" value="1" defaultChecked={params.nye !== false} /> {t('filter.nye.label')}
        </label>
        {flags.map((f) => (
          <label key={f}>
            <input type="checkbox" name={f} value="1" defaultChecked={params[f] === true} /> {t(`filter.${f}.label`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field checks">
        <legend>{t('filter.tilrettelagt.label')}</legend>
        {adaptations.map((a) => (
          <label key={a}>
            <input type="checkbox" name="tilrettelagt" value={a} defaultChecked={params.tilrettelagt?.includes(a)} /> {t(`adaptation.${a}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="f-sprak">{t('filter.sprak.label')}</label>
        <select id="f-sprak" name="sprak" defaultValue={params.sprak ?? ''}>
          <option value="">{t('filter.all')}</option>
          {leaderLanguages.map((l) => (
            <option key={l} value={l}>
              {t(`languageName.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-kjonn">{t('filter.kjonn.label')}</label>
        <select id="f-kjonn" name="kjonn" defaultValue={params.kjonn ?? ''}>
          <option value="">{t('gender.all')}</option>
          <option value="girls">{t('gender.girls')}</option>
          <option value="boys">{t('gender.boys')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-sortering">{t('filter.sortering.label')}</label>
        <select id="f-sortering" name="sortering" defaultValue={params.sortering ?? ''}>
          <option value="">{t('sort.default')}</option>
          {sortings.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
        <span className="hint">{t('sort.nearHint')}</span>
      </div>
      {params.lat !== undefined && params.lon !== undefined ? (
        <>
          <input type="hidden" name="lat" value={params.lat} />
          <input type="hidden" name="lon" value={params.lon} />
        </>
      ) : null}
      <div className="filters__actions">
        <button type="submit">{t('filter.submit')}</button>
        <NearMe form={formRef} />
        {activeCount ? <span className="hint">{t('filter.active', { count: activeCount })}</span> : null}
      </div>
    </Form>
  );
}

/** Only with JavaScript and only when the user asks: sort by distance from where they are. */
function NearMe({ form }: { form: React.RefObject<HTMLFormElement> }) {
  const { t } = useTranslation('catalogue');
  const [available, setAvailable] = useState(false);
  const [message, setMessage] = useState('');
  useEffect(() => setAvailable('geolocation' in navigator), []);
  if (!available) return null;
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          setMessage(t('near.finding'));
          navigator.geolocation.getCurrentPosition(
            (pos) => {
              const f = form.current;
              if (!f) return;
              for (const [name, value] of [
                ['lat', pos.coords.latitude.toFixed(4)],
                ['lon', pos.coords.longitude.toFixed(4)],
                ['sortering', 'naer'],
              ]) {
                const existing = f.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
                if (existing) existing.value = value;
                else f.insertAdjacentHTML('beforeend', `<input type="hidden" name="${name}" value="${value}">`);
              }
              f.requestSubmit();
            },
            () => setMessage(t('near.denied')),
            { timeout: 10_000, maximumAge: 600_000 },
          );
        }}
      >
        {t('near.button')}
      </button>
      <span role="status" className="hint">
        {message}
      </span>
    </>
  );
}
