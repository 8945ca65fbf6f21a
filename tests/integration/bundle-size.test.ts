import { mapChunk, pageJavaScript, readManifest } from '../bench/js-size';

// npm test builds before it runs vitest; the sizes are of that production build.
describe('JavaScript shipped to a cheap phone', () => {
  test('the search page loads at most 120 kB of gzipped JavaScript, without the map', () => {
    const page = pageJavaScript(['routes/aktiviteter._index']);
    expect(page.gzipBytes).toBeLessThanOrEqual(120 * 1024);
    expect(page.files.some((f) => f.includes('activity-map'))).toBe(false);
  });

  test("the map's code is a separate chunk that no page loads up front", () => {
    const map = mapChunk();
    expect(map.gzipBytes).toBeGreaterThan(20 * 1024); // Leaflet really is in it
    const manifest = readManifest();
    const upFront = [manifest.entry.module, ...(manifest.entry.imports ?? []), ...Object.values(manifest.routes).flatMap((r) => [r.module, ...(r.imports ?? [])])];
    expect(upFront).not.toContain(map.file);
  });
});

test('no browser bundle carries zod or other server code (validation runs on the server)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const files = ['public/build', 'public/build/_shared', 'public/build/routes'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.js')).map((f) => `${d}/${f}`));
  const offenders = files.filter((f) => /ZodError|\$ZodType|postgres\.js|drizzle-orm|argon2/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});
