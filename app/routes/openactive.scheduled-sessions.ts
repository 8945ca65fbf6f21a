import type { LoaderFunctionArgs } from '@remix-run/node';
import { rpdeResponse } from '~/domain/opendata/feeds.server';

/** The OpenActive RPDE feed of coming sessions as ScheduledSession (app/domain/opendata/feeds.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  return rpdeResponse('scheduled-sessions', new URL(request.url));
}
