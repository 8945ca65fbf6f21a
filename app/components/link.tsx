import { Link, useLocation, useRouteLoaderData, type LinkProps } from '@remix-run/react';
import { isLanguage } from '~/i18n';
import type { RootData } from '~/root';

/** Adds the page's `?lng=` to an internal address, so a shared link opens in the same language. */
export function withLng(to: string, lng: string | null | undefined) {
  if (!lng || !to.startsWith('/')) return to;
  const [path, hash] = to.split('#');
  const url = new URL(path, 'http://x');
  url.searchParams.set('lng', lng);
  return `${url.pathname}${url.search}${hash ? `#${hash}` : ''}`;
}

export function useKeepLng() {
  const root = useRouteLoaderData<RootData>('root');
  const { search } = useLocation();
  if (root) return root.keepLng;
  // No root data (the page for an unknown address): the address itself still says the language.
  const lng = new URLSearchParams(search).get('lng');
  return isLanguage(lng) ? lng : null;
}

export function AppLink({ to, ...props }: Omit<LinkProps, 'to'> & { to: string }) {
  const lng = useKeepLng();
  return <Link to={withLng(to, lng)} {...props} />;
}
