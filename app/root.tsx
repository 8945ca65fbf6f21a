import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { ErrorContent, errorMessageKey, errorStatus } from './components/error-boundary';
import { SiteFooter, SiteHeader } from './components/layout';
import { directionOf, isLanguage } from './i18n';
import { getFixedT, getLocale } from './i18n.server';
import { useNonce } from './utils/nonce';
import { publicEnv, publicUrl } from './utils/env.server';
import { getSessionUser, hasFlashCookie, readFlash } from './utils/session.server';
import { FlashRegion } from './components/flash';
import stylesheet from './styles/app.css';

export const handle = { i18n: ['common'] };

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const lngParam = url.searchParams.get('lng');
  // Public pages stay cookie-free; only a request that carries a session cookie is looked up.
  const user = /(?:^|;\s*)(?:__Host-)?fp_session=/.test(request.headers.get('Cookie') ?? '') ? await getSessionUser(request) : null;
  const t = await getFixedT(locale, 'common');
  // A flash is read (and cleared) only when its cookie came along, so a public page still sets none.
  const flash = hasFlashCookie(request) ? readFlash(request) : null;
  const flashTexts = flash
    ? await Promise.all(flash.messages.map(async (m) => ({ kind: m.kind, text: (await getFixedT(locale, m.key.split(':')[0]))(m.key.split(':')[1]) })))
    : [];
  return json(
    {
      appName: t('appName'),
      locale,
      keepLng: isLanguage(lngParam) ? lngParam : null,
      ENV: publicEnv(),
      // For canonical and hreflang links (app/utils/seo.ts): the portal's own address, never the request's Host.
      origin: publicUrl(),
      user: user?.verified ? { name: user.name } : null,
      flash: flash && flashTexts.length ? { id: flash.id, messages: flashTexts } : null,
    },
    flash ? { headers: { 'Set-Cookie': flash.clear, 'Cache-Control': 'private, no-store' } } : undefined,
  );
}

export type RootData = typeof loader;

/**
 * Pages without a title of their own still get one (a route's meta replaces this). Without the root's
 * data (an unknown address, a failed root loader) the error boundary writes its own translated title.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.appName }] : []);

function Document({ children, locale, title }: { children: React.ReactNode; locale: string; title?: string }) {
  const nonce = useNonce();
  const { t } = useTranslation('common');
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return (
    <Document locale={locale}>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <FlashRegion />
        <Outlet />
      </main>
      <SiteFooter />
    </Document>
  );
}

/**
 * An unknown address, or an error no route caught, inside the same layout as every page. Remix runs no
 * loader for an unknown address, so the language is the one the server rendered with (entry.server.tsx
 * gives i18next the reader's language; the browser reads it back from <html lang>): the text and
 * `<html lang dir>` agree, and hydration finds what the server sent.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>('root');
  const { t, i18n } = useTranslation('common');
  const locale = data?.locale ?? i18n.language;
  const status = errorStatus(error);
  const key = errorMessageKey(status);
  return (
    <Document locale={locale} title={data ? undefined : `${t(`error.${key}.title`)} – ${t('appName')}`}>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <ErrorContent status={status} />
      </main>
      <SiteFooter />
    </Document>
  );
}
