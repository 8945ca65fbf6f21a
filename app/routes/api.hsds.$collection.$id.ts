import type { LoaderFunctionArgs } from '@remix-run/node';
import { hsdsLanguage, hsdsRecord, isCollection } from '~/domain/opendata/hsds.server';
import { publicUrl } from '~/utils/env.server';
import { openDataJson } from '~/utils/open-data.server';

/** One service, organization, location or service_at_location by its UUID, fully nested (`?lng=`). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isCollection(params.collection)) return openDataJson({ error: 'not_found' }, 404);
  const record = await hsdsRecord(params.collection, params.id ?? '', hsdsLanguage(new URL(request.url).searchParams), publicUrl());
  return record ? openDataJson(record) : openDataJson({ error: 'not_found' }, 404);
}
