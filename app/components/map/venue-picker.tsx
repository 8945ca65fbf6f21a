import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RootData } from '~/root';
import { useMapControlTexts } from './lazy-map';

/**
 * With JavaScript: a map where a click places the venue's pin and fills the latitude and longitude
 * fields. The fields themselves are the keyboard (and no-JavaScript) way to do the same.
 */
export function VenuePicker() {
  const ref = useRef<HTMLDivElement>(null);
  const env = useRouteLoaderData<RootData>('root')?.ENV;
  const { t } = useTranslation('club');
  const controls = useMapControlTexts();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (!ready || !ref.current || !env) return;
    let cleanup: (() => void) | undefined;
    import('./activity-map.client').then(({ renderPicker }) => {
      if (!ref.current) return;
      const lat = ref.current.closest('form')?.querySelector<HTMLInputElement>('[name="venue.lat"]');
      const lon = ref.current.closest('form')?.querySelector<HTMLInputElement>('[name="venue.lon"]');
      cleanup = renderPicker(ref.current, { tileUrl: env.TILE_URL, attribution: env.TILE_ATTRIBUTION, controls }, (p) => {
        if (lat) lat.value = p.lat.toFixed(5);
        if (lon) lon.value = p.lon.toFixed(5);
      });
    });
    return () => cleanup?.();
  }, [ready, env, controls]);
  if (!ready) return null;
  return (
    <>
      <p className="hint">{t('editor.mapHint')}</p>
      <div ref={ref} className="map map--small" role="region" aria-label={t('editor.mapLabel')} />
    </>
  );
}
