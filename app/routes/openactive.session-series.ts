import type { LoaderFunctionArgs } from '@remix-run/node';
import { rpdeResponse } from '~/domain/opendata/feeds.server';

/** The OpenActive RPDE feed of activities as SessionSeries (app/domain/opendata/feeds.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  return rpdeResponse('session-series', new URL(request.url));
}
