import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RootData } from '~/root';
import type { MapControlTexts, MapPoint } from './activity-map.client';

/** Leaflet's own words (zoom buttons, its attribution link) from common's locale, for every map. */
export function useMapControlTexts(): MapControlTexts {
  const { t } = useTranslation('common');
  const [zoomIn, zoomOut, library, chosenPoint] = [t('map.zoomIn'), t('map.zoomOut'), t('map.library'), t('map.chosenPoint')];
  return useMemo(() => ({ zoomIn, zoomOut, library, chosenPoint }), [zoomIn, zoomOut, library, chosenPoint]);
}

/**
 * A map drawn only in the browser, after hydration. Its code (Leaflet, about 50 kB gzipped) is fetched
 * when the map is wanted: at once (`when="now"`, a map the visitor asked for), or when its place comes
 * near the screen or is tapped or focused (`when="visible"`, a map further down a page), so a visitor
 * who never scrolls there never downloads it (issue 13).
 */
export function LazyMap({ points, label, className = 'map', zoom, when = 'now' }: { points: MapPoint[]; label: string; className?: string; zoom?: number; when?: 'now' | 'visible' }) {
  const ref = useRef<HTMLDivElement>(null);
  const env = useRouteLoaderData<RootData>('root')?.ENV;
  const { t } = useTranslation('catalogue');
  const controls = useMapControlTexts();
  const [failed, setFailed] = useState(false);
  const [wanted, setWanted] = useState(when === 'now');
  useEffect(() => {
    const el = ref.current;
    if (wanted || !el) return;
    if (typeof IntersectionObserver === 'undefined') return setWanted(true);
    const want = () => setWanted(true);
    // A little ahead (300 px), so the map is usually drawn by the time it scrolls into view.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && want(), { rootMargin: '300px 0px' });
    observer.observe(el);
    el.addEventListener('pointerdown', want);
    el.addEventListener('focusin', want);
    return () => {
      observer.disconnect();
      el.removeEventListener('pointerdown', want);
      el.removeEventListener('focusin', want);
    };
  }, [wanted]);
  useEffect(() => {
    if (!wanted) return;
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
  }, [wanted, points, env, t, zoom, controls]);
  if (failed) return <p className="hint">{t('map.failed')}</p>;
  return <div ref={ref} className={className} role="region" aria-label={label} />;
}
