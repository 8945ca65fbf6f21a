import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SentenceWithName } from '~/components/local-text';
import { AppLink } from '~/components/link';
import { RouteErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary, Field } from '~/components/ui/field';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { costKinds, supportSchemeKinds, createScheme, kommuneScheme, linkedActivities, schemeFormValues, schemeInput, setSchemePublished, updateScheme } from '~/domain/support/scheme-editor.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { fieldErrors, formError, idParam } from '~/utils/forms.server';
import { redirectWithFlash, requirePermission } from '~/utils/session.server';

export const handle = { i18n: ['common', 'support', 'catalogue'] };

const NEW = 'ny';

async function schemeOf(kommuneId: number, id: string | undefined) {
  if (id === NEW) return null;
  const scheme = await kommuneScheme(kommuneId, idParam(id));
  if (!scheme) throw new Response('Not found', { status: 404 });
  return scheme;
}

// One scheme of the kommune: its form (new with `ny`), publish, and unpublish after a question that
// says how many activities list it. `?avpubliser` shows the question, so it works without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'manage:support:own-kommune', { kommuneId: k.id });
  const scheme = await schemeOf(k.id, params.id);
  const t = await getFixedT(await getLocale(request), 'support');
  const askUnpublish = Boolean(scheme?.publishedAt) && new URL(request.url).searchParams.has('avpubliser');
  return json(
    {
      kommune: { name: k.name, slug: k.slug },
      scheme: scheme && { ...scheme, publishedAt: scheme.publishedAt?.toISOString() ?? null },
      choices: { kinds: supportSchemeKinds, costKinds },
      linked: askUnpublish && scheme ? await linkedActivities(scheme.id) : null,
      title: scheme ? t('schemeEditor.editTitle', { name: scheme.name }) : t('schemeEditor.newTitle'),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  const u = await requirePermission(request, 'manage:support:own-kommune', { kommuneId: k.id });
  const scheme = await schemeOf(k.id, params.id);
  const form = await request.formData();
  const intent = form.get('intent');
  const list = `/kommune/${k.slug}/stotte`;
  if (scheme && (intent === 'publish' || intent === 'unpublish')) {
    await setSchemePublished(k.id, scheme.id, intent === 'publish', u.id);
    return redirectWithFlash(`${list}/${scheme.id}`, intent === 'publish' ? 'support:schemeEditor.publishedFlash' : 'support:schemeEditor.unpublishedFlash');
  }
  const values = schemeFormValues(form);
  const parsed = schemeInput.safeParse(values);
  if (!parsed.success) return formError(fieldErrors(parsed.error), { ...(values as Record<string, string>), covers: (values.covers as string[]).join(',') });
  const result = scheme ? await updateScheme(k.id, scheme.id, parsed.data, u.id) : await createScheme(k.id, parsed.data, u.id);
  if (!result.ok) throw new Response('Not found', { status: 404 });
  return redirectWithFlash(`${list}/${result.id}`, 'support:schemeEditor.savedFlash');
}

const kr = (ore: number | null | undefined) => (ore === null || ore === undefined ? '' : String(ore / 100).replace('.', ','));

export default function SchemeEditor() {
  const { kommune, scheme, linked, title, choices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const { t } = useTranslation('support');
  const { t: tc } = useTranslation('catalogue');
  const v = data?.values;
  const value = (name: string, stored: string | null | undefined) => v?.[name] ?? stored ?? '';
  const covers = v ? (v.covers ?? '').split(',') : (scheme?.covers ?? []);
  const discreet = v ? v.discreetViaGuide === 'on' : (scheme?.discreetViaGuide ?? true);
  const base = `/kommune/${kommune.slug}/stotte`;
  return (
    <div className="page narrow">
      <p>
        <AppLink to={base}>{t('schemeEditor.back')}</AppLink>
      </p>
      <h1>{scheme ? <SentenceWithName name={scheme.name} sentence={(name) => t('schemeEditor.editTitle', { name })} /> : title}</h1>
      {scheme ? (
        <>
          <p>{scheme.publishedAt ? t('schemeEditor.publishedLead') : t('schemeEditor.draftLead')}</p>
          <p>
            <AppLink to={`${base}/${scheme.id}/oversettelse`}>{t('schemeEditor.translateLink')}</AppLink> · <AppLink to={`${base}/${scheme.id}/forhandsvis`}>{t('schemeEditor.previewLink')}</AppLink>
          </p>
        </>
      ) : null}
      {linked !== null ? (
        <section aria-labelledby="avpubliser" className="notice">
          <h2 id="avpubliser">{t('schemeEditor.unpublishQuestion')}</h2>
          <p>{t('schemeEditor.unpublishLinked', { count: linked })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <button type="submit">{t('schemeEditor.unpublishConfirm')}</button> <AppLink to={`${base}/${scheme!.id}`}>{t('schemeEditor.cancel')}</AppLink>
          </Form>
        </section>
      ) : null}
      <ErrorSummary errors={data?.errors} />
      <Form key={scheme?.id ?? 'ny'} method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field name="name" lang="nb" label={t('schemeEditor.name')} required defaultValue={value('name', scheme?.name)} error={data?.errors?.name} />
        <Field
          name="kind"
          as="select"
          label={t('schemeEditor.kind')}
          required
          options={choices.kinds.map((k) => ({ value: k, label: tc(`schemeKind.${k}`) }))}
          defaultValue={value('kind', scheme?.kind)}
          error={data?.errors?.kind}
        />
        <fieldset className="checks" id="field-covers" aria-describedby={data?.errors?.covers ? 'field-covers-error' : undefined}>
          <legend>{t('schemeEditor.covers')}</legend>
          {data?.errors?.covers ? (
            <span id="field-covers-error" className="field__error">
              {t(data.errors.covers.replace(/^support:/, ''))}
            </span>
          ) : null}
          {choices.costKinds.map((c) => (
            <label key={c}>
              <input type="checkbox" name="covers" value={c} defaultChecked={covers.includes(c)} /> {tc(`costKind.${c}`)}
            </label>
          ))}
        </fieldset>
        <Field name="maxAmount" inputMode="decimal" label={t('schemeEditor.maxAmount')} hint={t('schemeEditor.maxAmountHint')} defaultValue={value('maxAmount', kr(scheme?.maxAmountOre))} error={data?.errors?.maxAmount} />
        <Field name="whoCanGet" as="textarea" lang="nb" label={t('schemeEditor.whoCanGet')} required defaultValue={value('whoCanGet', scheme?.whoCanGet)} error={data?.errors?.whoCanGet} />
        <Field name="howToApply" as="textarea" lang="nb" label={t('schemeEditor.howToApply')} required defaultValue={value('howToApply', scheme?.howToApply)} error={data?.errors?.howToApply} />
        <Field name="description" as="textarea" lang="nb" label={t('schemeEditor.description')} required defaultValue={value('description', scheme?.description)} error={data?.errors?.description} />
        <Field name="url" type="url" label={t('schemeEditor.url')} hint={t('schemeEditor.urlHint')} defaultValue={value('url', scheme?.url)} error={data?.errors?.url} />
        <fieldset className="checks">
          <legend>{t('schemeEditor.guide')}</legend>
          <label>
            <input type="checkbox" name="discreetViaGuide" value="on" defaultChecked={discreet} /> {t('schemeEditor.discreetViaGuide')}
          </label>
        </fieldset>
        <Field name="validFrom" type="date" label={t('schemeEditor.validFrom')} hint={t('schemeEditor.dateHint')} defaultValue={value('validFrom', scheme?.validFrom)} error={data?.errors?.validFrom} />
        <Field name="validTo" type="date" label={t('schemeEditor.validTo')} hint={t('schemeEditor.dateHint')} defaultValue={value('validTo', scheme?.validTo)} error={data?.errors?.validTo} />
        <div>
          <button type="submit">{t('schemeEditor.save')}</button>
        </div>
      </Form>
      {scheme && linked === null ? (
        scheme.publishedAt ? (
          <p>
            <AppLink to={`${base}/${scheme.id}?avpubliser=1`}>{t('schemeEditor.unpublish')}</AppLink>
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit">{t('schemeEditor.publish')}</button>
          </Form>
        )
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const ErrorBoundary = RouteErrorBoundary;
