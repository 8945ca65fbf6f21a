import type { LoaderFunctionArgs } from '@remix-run/node';
import { catalogueDates, catalogueQuads, openDataPublisher, prefersJsonLd, toJsonLd, toTurtle } from '~/domain/opendata/dcat.server';
import { env, publicUrl } from '~/utils/env.server';
import { openDataHeaders } from '~/utils/open-data.server';

// Turtle or JSON-LD by Accept: caches must keep them apart.
const headers = (contentType: string) => ({ ...openDataHeaders(contentType, 3600), Vary: 'Accept' });

/** The open-data catalogue (DCAT-AP-NO 2.0) for data.norge.no: Turtle, or JSON-LD when asked for. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicUrl();
  const publisher = openDataPublisher(env(), origin);
  // A production server without OPEN_DATA_PUBLISHER_* publishes no catalogue (docs/operations.md).
  if (!publisher) return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const quads = catalogueQuads({ origin, publisher, contactEmail: env().OPEN_DATA_CONTACT_EMAIL, ...(await catalogueDates()) });
  if (prefersJsonLd(request.headers.get('Accept'))) {
    return new Response(JSON.stringify(toJsonLd(quads)), { headers: headers('application/ld+json; charset=utf-8') });
  }
  return new Response(await toTurtle(quads), { headers: headers('text/turtle; charset=utf-8') });
}
