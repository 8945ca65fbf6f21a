import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RootData } from '~/root';
import { useMapControlTexts } from './lazy-map';

type PickerProps = {
  /** The names of the form's latitude and longitude inputs that a click fills. */
  latName: string;
  lonName: string;
  hint: string;
  label: string;
  /** A point already chosen, shown as the pin the next click moves. */
  start?: { lat: number; lon: number } | null;
};

/**
 * With JavaScript: a map where a click places a pin and fills the latitude and longitude fields. The
 * fields themselves are the keyboard (and no-JavaScript) way to do the same.
 */
export function CoordinatePicker({ latName, lonName, hint, label, start }: PickerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const env = useRouteLoaderData<RootData>('root')?.ENV;
  const controls = useMapControlTexts();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const startLat = start?.lat;
  const startLon = start?.lon;
  useEffect(() => {
    if (!ready || !ref.current || !env) return;
    let cleanup: (() => void) | undefined;
    import('./activity-map.client').then(({ renderPicker }) => {
      if (!ref.current) return;
      const lat = ref.current.closest('form')?.querySelector<HTMLInputElement>(`[name="${latName}"]`);
      const lon = ref.current.closest('form')?.querySelector<HTMLInputElement>(`[name="${lonName}"]`);
      const at = startLat !== undefined && startLon !== undefined ? { lat: startLat, lon: startLon } : null;
      cleanup = renderPicker(ref.current, { tileUrl: env.TILE_URL, attribution: env.TILE_ATTRIBUTION, controls, start: at }, (p) => {
        if (lat) lat.value = p.lat.toFixed(5);
        if (lon) lon.value = p.lon.toFixed(5);
      });
    });
    return () => cleanup?.();
  }, [ready, env, controls, latName, lonName, startLat, startLon]);
  if (!ready) return null;
  return (
    <>
      <p className="hint">{hint}</p>
      <div ref={ref} className="map map--small" role="region" aria-label={label} />
    </>
  );
}

/** The activity editor's new venue. */
export function VenuePicker() {
  const { t } = useTranslation('club');
  return <CoordinatePicker latName="venue.lat" lonName="venue.lon" hint={t('editor.mapHint')} label={t('editor.mapLabel')} />;
}
