import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RootData } from '~/root';
import type { MapControlTexts, MapPoint } from './activity-map.client';

/** Leaflet's own words (zoom buttons, its attribution link) from common's locale, for every map. */
export function useMapControlTexts(): MapControlTexts {
  const { t } = useTranslation('common');
  const [zoomIn, zoomOut, library] = [t('map.zoomIn'), t('map.zoomOut'), t('map.library')];
  return useMemo(() => ({ zoomIn, zoomOut, library }), [zoomIn, zoomOut, library]);
}

/** A map drawn only in the browser, after hydration; its code is fetched when this mounts. */
export function LazyMap({ points, label, className = 'map', zoom }: { points: MapPoint[]; label: string; className?: string; zoom?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const env = useRouteLoaderData<RootData>('root')?.ENV;
  const { t } = useTranslation('catalogue');
  const controls = useMapControlTexts();
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
          controls,
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
  }, [points, env, t, zoom, controls]);
  if (failed) return <p className="hint">{t('map.failed')}</p>;
  return <div ref={ref} className={className} role="region" aria-label={label} />;
}
