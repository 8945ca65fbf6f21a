import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RootData } from '~/root';
import type { MapPoint } from './activity-map.client';

/** A map drawn only in the browser, after hydration; its code is fetched when this mounts. */
export function LazyMap({ points, label, className = 'map', zoom }: { points: MapPoint[]; label: string; className?: string; zoom?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const env = useRouteLoaderData<RootData>('root')?.ENV;
  const { t } = useTranslation('catalogue');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let cancelled = false;
    import('./activity-map.client')
      .then(({ renderMap }) => {
        if (cancelled || !ref.current || !env) return;
        cleanup = renderMap(ref.current, points, {
          tileUrl: env.TILE_URL,
          attribution: env.TILE_ATTRIBUTION,
          clusterLabel: (n) => t('map.cluster', { count: n }),
          linkLabel: t('map.open'),
          zoom,
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [points, env, t, zoom]);
  if (failed) return <p className="hint">{t('map.failed')}</p>;
  return <div ref={ref} className={className} role="region" aria-label={label} />;
}
