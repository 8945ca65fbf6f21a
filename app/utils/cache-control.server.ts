import { MICRO_CACHE_HEADER } from './micro-cache.server';
import { SESSION_COOKIE } from './session.server';

// A page for a signed-in person, or one opened through a guardian's or a family's link, may show a
// child's data: no browser history, shared computer or proxy may keep a copy. entry.server.tsx applies
// this to every document and `?_data` response; resource routes with such data send it themselves.

export const PRIVATE_NO_STORE = 'private, no-store';

/**
 * First path segments of the pages opened through a link with a token (consent, a sign-up, an
 * invitation, a new password, an e-mail confirmation), and of the demo mailbox, which shows such links.
 */
export const PRIVATE_SECTIONS = ['samtykke', 'pamelding', 'invitasjon', 'nytt-passord', 'bekreft-epost', 'dev'] as const;

const SECTIONS = new Set<string>(PRIVATE_SECTIONS);
const SESSION = new RegExp(`(?:^|;\\s*)(?:__Host-)?${SESSION_COOKIE}=`);

export const isLinkPage = (pathname: string) => SECTIONS.has(pathname.split('/')[1] ?? '');

/** A request is private when it carries the session cookie or opens a link page. */
export const isPrivateRequest = (request: Request) =>
  SESSION.test(request.headers.get('Cookie') ?? '') || isLinkPage(new URL(request.url).pathname);

/** Sets `private, no-store` on the headers of a private request's response (and then never micro-caches it). */
export function applyPrivateCaching(request: Request, headers: Headers) {
  // A response that signs someone in is theirs too, although the request carried no cookie yet.
  const signsIn = headers.getSetCookie().some((c) => SESSION.test(c));
  if (!isPrivateRequest(request) && !signsIn) return false;
  headers.set('Cache-Control', PRIVATE_NO_STORE);
  headers.delete(MICRO_CACHE_HEADER);
  return true;
}

/** The same for a whole response; one whose headers are immutable is copied. */
export function withPrivateCaching(request: Request, response: Response) {
  try {
    applyPrivateCaching(request, response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    applyPrivateCaching(request, copy.headers);
    return copy;
  }
}
