import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { isLanguage } from './i18n';
import { getLocale, i18nInstance, languageCookie } from './i18n.server';
import { applyPrivateCaching, withPrivateCaching } from './utils/cache-control.server';
import { errorFields, log } from './utils/log.server';
import { NonceProvider } from './utils/nonce';
import { isDatabaseUnavailableError } from './utils/db-health.server';

/**
 * Replaces Remix's default, which writes the whole error (a failed query with its parameters) to the
 * console. Logged without the address (it may carry a token); 404s and aborted requests are not errors.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Error && /^No route matches URL/.test(error.message)) return;
  if (typeof error === 'object' && error !== null && 'status' in error && Number((error as { status: number }).status) < 500) return;
  // An outage is answered with 503 by databaseOutage() in server.ts; one line at warn per request is
  // enough, not a stack trace per request for minutes.
  if (isDatabaseUnavailableError(error)) return log.warn('request.database_unavailable', { method: request.method, ...errorFields(error) });
  log.error('request.failed', { method: request.method, ...errorFields(error) });
}

/** `?_data` responses: the same caching rule as the documents below. */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  return withPrivateCaching(request, response);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext.cspNonce as string | undefined) ?? '';
  const instance = await i18nInstance(await getLocale(request));

  // An explicit choice (?lng=) is remembered; that cookie is the only one a public page may set.
  const chosen = new URL(request.url).searchParams.get('lng');
  if (isLanguage(chosen)) responseHeaders.append('Set-Cookie', await languageCookie.serialize(chosen));
  responseHeaders.append('Vary', 'Accept-Language, Cookie');
  applyPrivateCaching(request, responseHeaders);

  // No route defers data, so streaming would send nothing earlier and costs more per page than one
  // string (issue 13). Rendering to a string also avoids React 18's NUL-padded stream chunks in
  // multi-byte scripts (facebook/react#24985).
  const html = renderToString(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={instance}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
  );
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}
