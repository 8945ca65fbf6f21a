// How much JavaScript a page ships (gzipped), read from the production build's manifest.
// `npm run size` prints it; tests/integration/bundle-size.test.ts holds the search page to 120 kB.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

export function readManifest(buildDir = 'public/build'): Manifest {
  const file = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no manifest in ${buildDir}: run \`npm run build\` first`);
  const text = readFileSync(path.join(buildDir, file), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
}

const gz = (url: string) => gzipSync(readFileSync(path.join('public', url))).length;

/** Files and gzipped bytes loaded up front for the given routes (the entry, root and the route). */
export function pageJavaScript(routeIds: string[], manifest = readManifest()) {
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of ['root', ...routeIds]) {
    const r = manifest.routes[id];
    if (!r) throw new Error(`route ${id} is not in the manifest`);
    files.add(r.module);
    (r.imports ?? []).forEach((f) => files.add(f));
  }
  const list = [...files];
  return { files: list, gzipBytes: list.reduce((n, f) => n + gz(f), 0) };
}

export function mapChunk() {
  const dir = 'public/build/_shared';
  const file = readdirSync(dir).find((f) => f.startsWith('activity-map.client-'));
  if (!file) throw new Error('the map chunk is missing from the build');
  const url = `/build/_shared/${file}`;
  return { file: url, gzipBytes: gz(url) };
}

if (/js-size\.ts$/.test(process.argv[1] ?? '')) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const [name, route] of [
    ['home', 'routes/_index'],
    ['search', 'routes/aktiviteter._index'],
    ['activity', 'routes/aktiviteter.$slug'],
  ]) {
    const page = pageJavaScript([route]);
    console.log(`${name.padEnd(9)} ${kb(page.gzipBytes)} gzipped in ${page.files.length} files (map not included)`);
  }
  const map = mapChunk();
  console.log(`map      +${kb(map.gzipBytes)} gzipped, loaded only when a map is shown (${map.file})`);
}
