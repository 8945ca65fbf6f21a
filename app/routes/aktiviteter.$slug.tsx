import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AgeRange, Badges, Money, TotalCost } from '~/components/activity-bits';
import { CategoryIcon, CategoryName } from '~/components/category-icon';
import { AppLink } from '~/components/link';
import { bokmal, Ltr, LocalTextBlock, LocalTextInline, UserText, type LocalText } from '~/components/local-text';
import { LazyMap } from '~/components/map/lazy-map';
import { SignupForm } from '~/components/signup-form';
import { createSignup, signupInput } from '~/domain/signup/signup.server';
import { clientAddress, formError, parseForm } from '~/utils/forms.server';
import { activityJsonLd } from '~/domain/catalogue/json-ld';
import { openActiveWords } from '~/domain/opendata/openactive';
import { getPublicActivity, similarOpenActivities } from '~/domain/catalogue/activity.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { formatDate } from '~/utils/format';
import { publicPageHeaders } from '~/utils/micro-cache.server';
import { publicMeta, shortDescription } from '~/utils/seo';
import { publicUrl } from '~/utils/env.server';
import { RouteErrorBoundary } from '~/components/error-boundary';

export const handle = { i18n: ['common', 'catalogue', 'signup'] };

// The same for every anonymous visitor in a language: served from the micro-cache for a few seconds.
export const headers = publicPageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const activity = await getPublicActivity(params.slug ?? '', locale);
  if (!activity) throw new Response('Not found', { status: 404 });
  // A full activity without a waiting list is no dead end: point to others nearby that take new members.
  const similar =
    activity.openForNew || activity.waitingList
      ? []
      : await similarOpenActivities({ id: activity.id, category: activity.category, kommuneSlug: activity.kommune.slug, lat: activity.venue?.lat, lon: activity.venue?.lon }, locale);
  return json({
    locale,
    activity,
    similar,
    dates: {
      lastConfirmed: activity.lastConfirmedAt ? formatDate(activity.lastConfirmedAt, locale) : null,
      seasonStart: activity.seasonStart ? formatDate(`${activity.seasonStart}T12:00:00Z`, locale) : null,
      seasonEnd: activity.seasonEnd ? formatDate(`${activity.seasonEnd}T12:00:00Z`, locale) : null,
      openDays: activity.openDays.map((o) => ({
        id: o.id,
        kind: o.kind,
        texts: o.texts,
        day: formatDate(o.startsAt, locale, { dateStyle: 'full' }),
        time: `${formatDate(o.startsAt, 'nb', { timeStyle: 'short' })}–${formatDate(o.endsAt, 'nb', { timeStyle: 'short' })}`,
        place: [o.venue, o.place].filter(Boolean).join(', '),
      })),
      noSessions: activity.noSessionDates.map((d) => formatDate(`${d}T12:00:00Z`, locale, { dateStyle: 'medium' })),
    },
    jsonLd: activityJsonLd(activity, publicUrl(), openActiveWords(await getFixedT(locale, 'catalogue'))),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsedInput = await parseForm(form, signupInput);
  if (!parsedInput.ok) return parsedInput.response;
  const input = parsedInput.data;
  const result = await createSignup(params.slug ?? '', input, clientAddress(context));
  if (!result.ok) {
    if (result.reason === 'notFound') throw new Response('Not found', { status: 404 });
    const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    return formError({ form: result.reason === 'limited' ? 'locked' : 'closed' }, values, result.reason === 'limited' ? 429 : 400);
  }
  // The receipt page in the language the family chose for answers, as every later link to it is.
  return redirect(`/pamelding/${result.token}?ny=1&lng=${input.language}`);
}

export default function ActivityPage() {
  const { activity: a, dates, jsonLd, locale, preview, similar } = useLoaderData<typeof loader>() as ReturnType<typeof useLoaderData<typeof loader>> & { preview?: boolean };
  const signup = useActionData<typeof action>();
  const { t } = useTranslation('catalogue');
  const tc = t;
  const directions = a.venue ? `https://www.openstreetmap.org/directions?to=${a.venue.lat}%2C${a.venue.lon}` : null;
  const schemeName = (id: number) => a.schemes.find((s) => s.id === id);
  return (
    <article className="page activity-page">
      {/* Data, not script: no nonce needed, and "<" is escaped in the JSON. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <p className="breadcrumb no-print">
        <AppLink to="/aktiviteter">{t('activity.back')}</AppLink>
      </p>
      <header>
        <p className="eyebrow">
          <CategoryIcon category={a.category} /> <CategoryName category={a.category} other={a.categoryOther} /> · <AppLink to={`/organisasjoner/${a.organisation.slug}`}><LocalTextInline value={bokmal(a.organisation.name)} /></AppLink>
        </p>
        <h1>
          <LocalTextInline value={a.title} />
        </h1>
        {a.stale ? (
          <p className="notice notice--warning">{t('activity.staleNotice', { date: dates.lastConfirmed ?? '—' })}</p>
        ) : null}
        <Badges t={tc} activity={{ ...a, hasLendableEquipment: a.equipment.some((e) => e.source === "lend"), hasSupport: a.schemes.length > 0 }} />
        {!a.openForNew ? (
          <p className="notice notice--warning notice--full">
            <strong>{t('full.notice')}</strong> {a.waitingList ? t('full.hasWaitingList') : null}{' '}
            {!preview ? <a href={a.waitingList ? '#signup' : '#instead'}>{a.waitingList ? t('full.toWaitingList') : t('full.toSimilar')}</a> : null}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="about">
        <h2 id="about">{t('activity.about')}</h2>
        <LocalTextBlock value={a.description} />
      </section>

      <section aria-labelledby="for-whom">
        <h2 id="for-whom">{t('activity.forWhom')}</h2>
        <dl className="facts facts--wide">
          <div>
            <dt>{t('facts.age')}</dt>
            <dd>
              <AgeRange min={a.ageMin} max={a.ageMax} t={tc} />
            </dd>
          </div>
          <div>
            <dt>{t('facts.gender')}</dt>
            <dd>{t(`gender.${a.gender}`)}</dd>
          </div>
          <div>
            <dt>{t('facts.level')}</dt>
            <dd>{t(`level.${a.level}`)}</dd>
          </div>
          <div>
            <dt>{t('facts.openForNew')}</dt>
            <dd>{a.openForNew ? t('activity.openYes') : t('activity.openNo')}</dd>
          </div>
          <div>
            <dt>{t('facts.languages')}</dt>
            <dd>{a.leaderLanguages.map((l) => t(`languageName.${l}`)).join(', ')}</dd>
          </div>
          {a.adaptations.length ? (
            <div>
              <dt>{t('facts.adaptations')}</dt>
              <dd>{a.adaptations.map((x) => t(`adaptation.${x}`)).join(', ')}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="when">
        <h2 id="when">{t('activity.when')}</h2>
        <ul className="plain-list">
          {a.sessions.map((s, i) => (
            <li key={i}>
              {s.weekday ? t(`weekday.${s.weekday}`) : null} <Ltr>{s.start}–{s.end}</Ltr>
            </li>
          ))}
        </ul>
        {dates.seasonStart && dates.seasonEnd ? <p>{t('activity.season', { start: dates.seasonStart, end: dates.seasonEnd })}</p> : null}
        {dates.noSessions.length ? <p>{t('activity.noSessions', { dates: dates.noSessions.join(', ') })}</p> : null}
        <p className="no-print">
          <a href={`/aktiviteter/${a.slug}/kalender.ics`} download>
            {t('activity.ical')}
          </a>
        </p>
        {dates.openDays.length ? (
          <>
            <h3>{t('activity.openDays')}</h3>
            <ul className="plain-list open-days">
              {dates.openDays.map((o) => (
                <li key={o.id}>
                  <span className="tag">{t(`openDays.kind.${o.kind}`)}</span> <strong><LocalTextInline value={o.texts.title} /></strong>
                  <br />
                  {o.day} <Ltr>{o.time}</Ltr>
                  {o.place ? (
                    <>
                      {' · '}
                      <LocalTextInline value={bokmal(o.place)} />
                    </>
                  ) : null}
                  <LocalTextBlock value={o.texts.description} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="where">
        <h2 id="where">{t('activity.where')}</h2>
        {a.venue ? (
          <div className="venue">
            <address>
              <strong>
                <LocalTextInline value={bokmal(a.venue.name)} />
              </strong>
              <br />
              <LocalTextInline value={bokmal(`${a.venue.address}, ${a.venue.postcode} ${a.venue.place}`)} />
              <br />
              {a.venue.stepFree ? t('activity.stepFree') : t('activity.notStepFree')}
            </address>
            {directions ? (
              <p className="no-print">
                <a href={directions} rel="noopener noreferrer">
                  {t('activity.directions')}
                </a>
              </p>
            ) : null}
            <LazyMap points={[{ lat: a.venue.lat, lon: a.venue.lon, title: a.venue.name }]} label={t('map.venueLabel', { venue: a.venue.name })} className="map map--small no-print" zoom={14} when="visible" />
          </div>
        ) : (
          <p>{t('activity.noVenue')}</p>
        )}
      </section>

      <section aria-labelledby="cost" className="cost-section">
        <h2 id="cost">{t('activity.cost')}</h2>
        <p className="cost-total">
          {t('activity.totalLabel')} <TotalCost ore={a.totalPerYearOre} t={tc} />
        </p>
        {a.costs.length ? (
          <table className="cost-table stack-table">
            <caption className="visually-hidden">{t('activity.costTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cost.what')}</th>
                <th scope="col">{t('cost.amount')}</th>
                <th scope="col">{t('cost.perYearColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {a.costs.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {t(`costKind.${c.kind}`)}
                    {c.optional ? <span className="tag">{t('cost.optional')}</span> : null}
                    {c.coveredBy.length ? (
                      <span className="covered-by">
                        {c.coveredBy.map((id) => {
                          const s = schemeName(id);
                          return s ? (
                            <span key={id} className="covered-by__item">
                              <SchemeSentence sentence={t('cost.coveredBy', { scheme: SLOT })} name={s.name} /> <AppLink to={`/stotte?kommune=${a.kommune.slug}#ordning-${s.slug}`}>{t('cost.howToAsk')}</AppLink>
                            </span>
                          ) : null;
                        })}
                      </span>
                    ) : null}
                  </th>
                  <td data-label={t('cost.amount')}>
                    {c.kind === 'dugnad' ? (
                      t('cost.dugnadHours', { count: c.hours ?? 0 })
                    ) : (
                      <>
                        <Money ore={c.amountOre} t={tc} /> {t(`period.${c.period}`)}
                      </>
                    )}
                  </td>
                  <td data-label={t('cost.perYearColumn')}>{c.kind === 'dugnad' ? '—' : <Money ore={c.perYearOre} t={tc} />}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {a.mustBuyOre > 0 ? (
                <tr>
                  <th scope="row">{t('cost.mustBuy')}</th>
                  <td />
                  <td data-label={t('cost.perYearColumn')}>
                    <Money ore={a.mustBuyOre} t={tc} />
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t('cost.total')}</th>
                <td />
                <td data-label={t('cost.perYearColumn')}>
                  <Money ore={a.totalPerYearOre} t={tc} />
                </td>
              </tr>
              {a.optionalPerYearOre > 0 ? (
                <tr>
                  <th scope="row">{t('cost.extras')}</th>
                  <td />
                  <td data-label={t('cost.perYearColumn')}>
                    <Money ore={a.optionalPerYearOre} t={tc} />
                  </td>
                </tr>
              ) : null}
            </tfoot>
          </table>
        ) : (
          <p>{t('cost.noCosts')}</p>
        )}
        <div className="help-box">
          <h3>{t('activity.helpTitle')}</h3>
          <p>{t('activity.helpBody')}</p>
          {a.freePlaces > 0 ? <p>{t('activity.freePlaces')}</p> : null}
          <p>
            <AppLink to={`/stotte?kommune=${a.kommune.slug}`}>{t('activity.helpLink', { kommune: a.kommune.name })}</AppLink>
          </p>
        </div>
      </section>

      <section aria-labelledby="equipment">
        <h2 id="equipment">{t('activity.equipment')}</h2>
        {a.equipment.length ? (
          <ul className="equipment-list">
            {a.equipment.map((e) => (
              <li key={e.id}>
                <strong>
                  <LocalTextInline value={e.item} />
                </strong> {e.required ? '' : `(${t('equipment.optional')})`} —{' '}
                {e.source === 'provided' ? t('equipment.provided') : null}
                {e.source === 'buy' ? (
                  <>
                    {t('equipment.buy')}
                    {e.typicalPriceOre ? <> ({t('equipment.typicalPrice')} <Money ore={e.typicalPriceOre} t={tc} />)</> : null}
                  </>
                ) : null}
                {e.source === 'lend' ? (
                  e.lender ? (
                    <>
                      {t('equipment.lendAt')} <AppLink to={`/utstyr#utlan-${e.lender.slug}`}><LocalTextInline value={bokmal(e.lender.name)} /></AppLink>
                      <span className="lender-hours">
                        {' '}
                        (<LocalTextInline value={bokmal(e.lender.address)} />; {t('equipment.openingHours')} {e.lender.openingHours})
                      </span>
                    </>
                  ) : (
                    t('equipment.lendClub')
                  )
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('equipment.none')}</p>
        )}
      </section>

      <section aria-labelledby="first-time">
        <h2 id="first-time">{t('activity.firstTime')}</h2>
        <LocalTextBlock value={a.firstTimeInfo} />
        <h3>{t('activity.bring')}</h3>
        <LocalTextBlock value={a.whatToBring} />
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">{t('activity.contact')}</h2>
        <p>
          <UserText text={a.contact.name} />
          {a.contact.email ? (
            <>
              <br />
              <a href={`mailto:${a.contact.email}`} dir="ltr">
                {a.contact.email}
              </a>
            </>
          ) : null}
          {a.contact.phone ? (
            <>
              <br />
              <a href={`tel:${a.contact.phone.replace(/\s/g, '')}`} dir="ltr">
                {a.contact.phone}
              </a>
            </>
          ) : null}
        </p>
        <p className="confirmed">{dates.lastConfirmed ? t('activity.lastConfirmed', { date: dates.lastConfirmed }) : t('activity.neverConfirmed')}</p>
      </section>

      {(a.openForNew || a.waitingList) && !preview ? (
        <SignupForm
          errors={signup?.errors as Record<string, string> | undefined}
          values={signup?.values as Record<string, string> | undefined}
          locale={locale}
          title={a.openForNew ? undefined : t('full.waitingListTitle')}
          lead={a.openForNew ? undefined : t('full.waitingListLead')}
        />
      ) : null}
      {!a.openForNew && !a.waitingList && !preview ? <SimilarActivities similar={similar ?? []} category={a.category} kommune={a.kommune} /> : null}
    </article>
  );
}

// The scheme's name keeps its own language (bokmål when untranslated) inside the reader's sentence.
const SLOT = '\u0000';
function SchemeSentence({ sentence, name }: { sentence: string; name: LocalText }) {
  const [before, after = ''] = sentence.split(SLOT);
  return (
    <>
      {before}
      <LocalTextInline value={name} />
      {after}
    </>
  );
}

type Similar = { id: number; slug: string; title: { text: string; lang: string; fallback: boolean }; organisationName: string; place: string | null; distanceKm: number | null };

/** Instead of a sign-up form: the same kind of activity nearby that does take new members. */
function SimilarActivities({ similar, category, kommune }: { similar: Similar[]; category: string; kommune: { name: string; slug: string } }) {
  const { t } = useTranslation('catalogue');
  return (
    <section id="instead" aria-labelledby="instead-title" className="instead-section no-print">
      <h2 id="instead-title">{t('full.similarTitle')}</h2>
      <p>{t('full.similarLead', { kommune: kommune.name })}</p>
      {similar.length ? (
        <ul className="similar-list">
          {similar.map((s) => (
            <li key={s.id}>
              <AppLink to={`/aktiviteter/${s.slug}`}>
                <LocalTextInline value={s.title} />
              </AppLink>
              <span className="similar-list__where">
                {' '}
                · {s.organisationName}
                {s.place ? ` · ${s.place}` : null}
                {s.distanceKm !== null ? ` (${t('distance.km', { km: s.distanceKm.toFixed(1) })})` : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('full.similarNone', { kommune: kommune.name })}</p>
      )}
      <p>
        <AppLink to={`/aktiviteter?kategori=${category}&kommune=${kommune.slug}`}>{t('full.searchSimilar', { category: t(`category.${category}`), kommune: kommune.name })}</AppLink>
      </p>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  args.data ? publicMeta(args, { title: `${args.data.activity.title.text} – ${args.data.activity.organisation.name}`, description: shortDescription(args.data.activity.description.text) }) : [];

export const ErrorBoundary = RouteErrorBoundary;
