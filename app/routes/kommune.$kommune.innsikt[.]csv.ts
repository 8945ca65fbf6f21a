import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireKommuneBySlug } from '~/domain/club/organisations.server';
import { csvPart, insightCsv } from '~/domain/insight/dashboard.server';
import { getFixedT, getLocale } from '~/i18n.server';
import { PRIVATE_NO_STORE } from '~/utils/cache-control.server';
import { requirePermission } from '~/utils/session.server';

// One part of the kommune dashboard as CSV (?del=offer|reach|guide): the page's permission, the page's
// suppression (the same table objects), headings in the reader's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const k = await requireKommuneBySlug(params.kommune);
  await requirePermission(request, 'read:insight:own-kommune', { kommuneId: k.id });
  const part = csvPart.safeParse(new URL(request.url).searchParams.get('del') ?? 'offer');
  if (!part.success) throw new Response('Not found', { status: 404 });
  const t = await getFixedT(await getLocale(request), 'insight');
  const body = await insightCsv(k.id, part.data, (key, values) => String(t(key, values as never)));
  return new Response('\ufeff' + body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="innsikt-${k.slug}-${part.data}.csv"`,
      'Cache-Control': PRIVATE_NO_STORE,
    },
  });
}
