import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { languages } from '~/i18n';
import { resources } from '~/utils/locales.server';

const params = z.object({ lng: z.enum(languages), ns: z.string().regex(/^[a-z-]+$/) });

/** One language's namespace for the browser, so the bundle carries no translations. */
export async function loader({ params: raw }: LoaderFunctionArgs) {
  const parsed = params.safeParse(raw);
  const data = parsed.success ? resources[parsed.data.lng][parsed.data.ns] : undefined;
  if (!data) throw new Response('Not found', { status: 404 });
  return new Response(JSON.stringify(data), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400' },
  });
}
