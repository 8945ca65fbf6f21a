import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withLng, useKeepLng } from '../link';
import { LazyMap } from './lazy-map';
import type { MapPoint } from './activity-map.client';

/** "Show on map": a button that exists only with JavaScript; the list stays either way. */
export function MapToggle({ query }: { query: string }) {
  const { t } = useTranslation('catalogue');
  const lng = useKeepLng();
  const [ready, setReady] = useState(false);
  const [open, setOpen] = useState(false);
  const [points, setPoints] = useState<MapPoint[] | null>(null);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    fetch(`/aktiviteter/kart.json${query}`)
      .then((r) => r.json() as Promise<{ points: { slug: string; title: string; lat: number; lon: number }[] }>)
      .then((data) => {
        if (!cancelled) setPoints(data.points.map((p) => ({ lat: p.lat, lon: p.lon, title: p.title, href: withLng(`/aktiviteter/${p.slug}`, lng) })));
      })
      .catch(() => !cancelled && setPoints([]));
    return () => {
      cancelled = true;
    };
  }, [open, query, lng]);
  if (!ready) return null;
  return (
    <div className="map-toggle no-print">
      <button type="button" className="button button--secondary" aria-expanded={open} aria-controls="results-map" onClick={() => setOpen(!open)}>
        {open ? t('map.hide') : t('map.show')}
      </button>
      <div id="results-map">
        {open && points ? (
          <>
            <p className="visually-hidden" role="status">
              {t('map.count', { count: points.length })}
            </p>
            <LazyMap points={points} label={t('map.resultsLabel')} className="map map--results" />
          </>
        ) : null}
      </div>
    </div>
  );
}
