import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface Options {
  production: boolean;
  tileUrl: string;
  devServerPort?: number;
  /** Where a form may send the browser on: the staff sign-in posts to the portal, which redirects to the provider. */
  signInProviders?: string[];
}

function originOf(url: string) {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).origin.replace('//a.', '//*.');
  } catch {
    return '';
  }
}

/** Security headers for every response, with a fresh nonce that lets only our own inline scripts run. */
export function securityHeaders(options: Options) {
  const tiles = originOf(options.tileUrl);
  // Browsers apply form-action to the redirects after a form too, so the OIDC sign-in's provider must be listed.
  const formTargets = ["'self'", ...new Set((options.signInProviders ?? []).map(originOf).filter(Boolean))].join(' ');
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    const connect = ["'self'", options.devServerPort ? `ws://localhost:${options.devServerPort}` : ''].filter(Boolean).join(' ');
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Leaflet positions tiles and markers with inline styles.
        "style-src 'self' 'unsafe-inline'",
        `img-src 'self' data: ${tiles}`.trim(),
        `connect-src ${connect}`,
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        `form-action ${formTargets}`,
        "frame-ancestors 'none'",
      ].join('; '),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self), interest-cohort=()');
    if (options.production) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    next();
  };
}
