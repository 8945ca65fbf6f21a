import { useLocation, useRouteLoaderData } from '@remix-run/react';
import { useRef } from 'react';
import type { RootData } from '~/root';

/**
 * The confirmation after a redirect (see redirectWithFlash in app/utils/session.server.ts). The server
 * clears the cookie as it reads it; with JavaScript the root's data can outlive the page it came with
 * (a link to another page does not reload it), so the message shows only at the address it arrived on.
 */
export function FlashRegion() {
  const flash = useRouteLoaderData<RootData>('root')?.flash;
  const location = useLocation();
  const seen = useRef<{ id: string; key: string } | null>(null);
  if (flash && seen.current?.id !== flash.id) seen.current = { id: flash.id, key: location.key };
  if (!flash || seen.current?.key !== location.key) return null;
  return (
    <div className="flash" role="status">
      {flash.messages.map((m, i) => (
        <p key={i} className={m.kind === 'warning' ? 'notice notice--warning' : 'success'}>
          {m.text}
        </p>
      ))}
    </div>
  );
}
