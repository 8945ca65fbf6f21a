import type { LoaderFunctionArgs } from '@remix-run/node';
import { hsdsPage, isCollection, parseHsdsQuery } from '~/domain/opendata/hsds.server';
import { publicUrl } from '~/utils/env.server';
import { openDataJson } from '~/utils/open-data.server';

/** A page of services, organizations, locations or service_at_locations (`?page=`, `?per_page=`, `?lng=`). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isCollection(params.collection)) return openDataJson({ error: 'not_found' }, 404);
  const parsed = parseHsdsQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return openDataJson({ error: 'invalid_parameter', parameter: parsed.field }, 400);
  return openDataJson(await hsdsPage(params.collection, parsed.query, publicUrl()));
}
