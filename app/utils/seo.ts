import type { MetaDescriptor } from '@remix-run/node';
import { languages } from '~/i18n';

// Every public page says what it is (a translated description) and which addresses are the same page in
// the other languages: one canonical link and an hreflang alternate per `?lng=` variant, plus x-default
// (no `?lng=`: the language is then negotiated, see app/i18n.server.ts). Absolute URLs from PUBLIC_URL,
// which the root loader passes as `origin` (never the request's Host header). One helper for every
// public route's `meta`, so no page forgets a part.

type MetaArgs = {
  location: { pathname: string; search: string };
  matches: { id: string; data?: unknown }[];
};

/** The page's address in one language (`null`: x-default), other query parameters kept in their order. */
export function addressIn(origin: string, location: MetaArgs['location'], lng: string | null) {
  const params = new URLSearchParams(location.search);
  params.delete('lng');
  params.delete('_data');
  if (lng) params.set('lng', lng);
  const query = params.toString();
  return `${origin}${location.pathname}${query ? `?${query}` : ''}`;
}

export function publicMeta(args: MetaArgs, page: { title?: string; description?: string }): MetaDescriptor[] {
  const root = args.matches.find((m) => m.id === 'root')?.data as { origin?: string } | undefined;
  const tags: MetaDescriptor[] = [];
  if (page.title) tags.push({ title: page.title });
  if (page.description) tags.push({ name: 'description', content: page.description });
  if (!root?.origin) return tags;
  const lng = new URLSearchParams(args.location.search).get('lng');
  const current = lng && (languages as readonly string[]).includes(lng) ? lng : null;
  tags.push({ tagName: 'link', rel: 'canonical', href: addressIn(root.origin, args.location, current) });
  for (const l of languages) tags.push({ tagName: 'link', rel: 'alternate', hrefLang: l, href: addressIn(root.origin, args.location, l) });
  tags.push({ tagName: 'link', rel: 'alternate', hrefLang: 'x-default', href: addressIn(root.origin, args.location, null) });
  return tags;
}

/** A description cut at a word, short enough for a search result. */
export function shortDescription(text: string, max = 160) {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
