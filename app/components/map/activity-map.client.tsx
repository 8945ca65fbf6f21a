// Browser-only: Leaflet with marker clustering. Loaded lazily, so its code arrives only with a map.
import L from 'leaflet';
import 'leaflet.markercluster';
import leafletCss from 'leaflet/dist/leaflet.css';
import clusterCss from 'leaflet.markercluster/dist/MarkerCluster.css';
import clusterDefaultCss from 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';

export interface MapPoint {
  lat: number;
  lon: number;
  title: string;
  href?: string;
}

/** What Leaflet itself would say in English: the zoom buttons' titles and its attribution link's title. */
export interface MapControlTexts {
  zoomIn: string;
  zoomOut: string;
  library: string;
  /** The picker's pin, for screen readers (Leaflet's own alt text is the English "Marker"). */
  chosenPoint: string;
}

export interface MapOptions {
  tileUrl: string;
  attribution: string;
  controls: MapControlTexts;
  /** Text for a cluster of n markers, e.g. "12 activities". */
  clusterLabel: (n: number) => string;
  linkLabel: string;
  zoom?: number;
}

function ensureStylesheets() {
  for (const href of [leafletCss, clusterCss, clusterDefaultCss]) {
    if (document.querySelector(`link[href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The tile provider's credit (configured HTML, "© OpenStreetMap contributors"): its "©" stays in front in a right-to-left page. */
const isolated = (attribution: string) => `<span dir="auto">${attribution}</span>`;

/** A map with the zoom control and attribution in the reader's language instead of Leaflet's English. */
function createMap(element: HTMLElement, texts: MapControlTexts) {
  const map = L.map(element, { scrollWheelZoom: false, keyboard: true, zoomControl: false });
  L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(`<a href="https://leafletjs.com" title="${escape(texts.library)}"><span lang="en" dir="ltr">Leaflet</span></a>`);
  return map;
}

/** Draws the points into `element`; returns a function that removes the map. */
export function renderMap(element: HTMLElement, points: MapPoint[], options: MapOptions) {
  ensureStylesheets();
  L.Icon.Default.mergeOptions({ iconUrl, iconRetinaUrl, shadowUrl });
  const map = createMap(element, options.controls);
  // Tiles come from outside; when they cannot load the markers and the list still work.
  L.tileLayer(options.tileUrl, { attribution: isolated(options.attribution), maxZoom: 18 }).addTo(map);
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    iconCreateFunction: (c) => {
      const n = c.getChildCount();
      return L.divIcon({
        html: `<div><span aria-hidden="true">${n}</span><span class="visually-hidden">${escape(options.clusterLabel(n))}</span></div>`,
        className: 'marker-cluster marker-cluster-medium',
        iconSize: L.point(40, 40),
      });
    },
  });
  for (const p of points) {
    const marker = L.marker([p.lat, p.lon], { title: p.title, alt: p.title, keyboard: true });
    if (p.href) marker.bindPopup(`<a href="${escape(p.href)}">${escape(p.title)}</a>`);
    cluster.addLayer(marker);
  }
  map.addLayer(cluster);
  if (points.length === 1) map.setView([points[0].lat, points[0].lon], options.zoom ?? 14);
  else if (points.length) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), { padding: [20, 20] });
  else map.setView([60.0, 9.8], 9);
  return () => map.remove();
}

/** A map where a click (or Enter on the map with the keyboard centre) places one pin. */
export function renderPicker(
  element: HTMLElement,
  options: { tileUrl: string; attribution: string; controls: MapControlTexts; start?: { lat: number; lon: number } | null },
  onPick: (p: { lat: number; lon: number }) => void,
) {
  ensureStylesheets();
  L.Icon.Default.mergeOptions({ iconUrl, iconRetinaUrl, shadowUrl });
  const start = options.start;
  const map = createMap(element, options.controls).setView(start ? [start.lat, start.lon] : [60.0, 9.8], start ? 12 : 9);
  L.tileLayer(options.tileUrl, { attribution: isolated(options.attribution), maxZoom: 18 }).addTo(map);
  // A point already chosen (an area's centre) is shown, and the next click moves it.
  const pin = { alt: options.controls.chosenPoint, title: options.controls.chosenPoint };
  let marker: L.Marker | undefined = start ? L.marker([start.lat, start.lon], pin).addTo(map) : undefined;
  const place = (latlng: L.LatLng) => {
    marker = marker ? marker.setLatLng(latlng) : L.marker(latlng, pin).addTo(map);
    onPick({ lat: latlng.lat, lon: latlng.lng });
  };
  map.on('click', (e: L.LeafletMouseEvent) => place(e.latlng));
  map.getContainer().addEventListener('keydown', (e) => {
    if (e.key === 'Enter') place(map.getCenter());
  });
  return () => map.remove();
}
