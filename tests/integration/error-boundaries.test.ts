// Issue 11, part 6: an error in any route group is shown inside the layout (header, menu, language switch,
// footer), in the reader's language with its lang and dir, with a way on; every page route has the
// shared boundary. The app is the real one, rendered by the real entry.server.tsx; only the failing
// loader is put in (a bug is not something the app offers on purpose).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RouteErrorBoundary } from '../../app/components/error-boundary';
import { appHandler, appRoutes } from '../setup/remix-app';

const common = (lng: string) => JSON.parse(readFileSync(`locales/${lng}/common.json`, 'utf8'));
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');

// One page of each group, with an address its route matches.
const groups: [string, string][] = [
  ['routes/klubb.$orgId._index', '/klubb/1'],
  ['routes/kommune.$kommune.moderering', '/kommune/modum/moderering'],
  ['routes/koordinator._index', '/koordinator'],
  ['routes/guide._index', '/guide'],
  ['routes/konto._index', '/konto'],
  ['routes/aktiviteter._index', '/aktiviteter'],
  ['routes/aktiviteter.$slug', '/aktiviteter/fotballskole'],
];

const failing = () => {
  throw new Error('a bug in a loader');
};

describe('a 500 in a route group is shown inside the layout', () => {
  for (const lng of ['ar', 'nb']) {
    test.each(groups)(`%s in ${lng}`, async (id, path) => {
      const app = await appHandler({ render: true, replace: { [id]: { loader: failing } } });
      const response = await app.fetch(new Request(`http://localhost${path}?lng=${lng}`, { headers: { Accept: 'text/html' } }));
      expect(response.status).toBe(500);
      const html = await response.text();
      const t = common(lng);
      expect(html).toContain(`<html lang="${lng}" dir="${lng === 'ar' ? 'rtl' : 'ltr'}">`);
      // The root's layout rendered (header, menu, switcher with the reader's language, footer) ...
      expect(html).toMatch(/<header class="site-header">/);
      expect(html).toContain(`aria-label="${escaped(t.nav.label)}"`);
      expect(html).toMatch(new RegExp(`<option value="${lng}" lang="${lng}" selected="">`));
      expect(html).toContain('<footer class="site-footer">');
      // ... around the route's own boundary, which says what happened and offers a way on.
      const main = html.slice(html.indexOf('<main id="main"'), html.indexOf('</main>'));
      expect(main).toContain(`<h1>${escaped(t.error.serverError.title)}</h1>`);
      expect(main).toContain('action="/aktiviteter"');
      expect(main).toContain(escaped(t.error.search.label));
      expect(main).toContain(escaped(t.error.home));
      expect(html).not.toContain('a bug in a loader');
    });
  }
});

test('a 403 thrown by a route is shown inside the layout with the forbidden text', async () => {
  const app = await appHandler({
    render: true,
    replace: {
      'routes/klubb.$orgId.medlemmer': {
        loader: () => {
          throw new Response('Forbidden', { status: 403 });
        },
      },
    },
  });
  const response = await app.fetch(new Request('http://localhost/klubb/1/medlemmer?lng=ur', { headers: { Accept: 'text/html' } }));
  expect(response.status).toBe(403);
  const html = await response.text();
  expect(html).toContain('<html lang="ur" dir="rtl">');
  expect(html).toMatch(/<header class="site-header">/);
  expect(html).toContain(`<h1>${escaped(common('ur').error.forbidden.title)}</h1>`);
});

test('an unknown address answers 404 inside the layout, in the language of the request', async () => {
  const app = await appHandler({ render: true });
  const response = await app.fetch(new Request('http://localhost/ingen/slik/side', { headers: { Accept: 'text/html', 'Accept-Language': 'ar' } }));
  expect(response.status).toBe(404);
  const html = await response.text();
  const t = common('ar');
  expect(html).toContain('<html lang="ar" dir="rtl">');
  expect(html).toContain(`<title>${escaped(t.error.notFound.title)} – ${escaped(t.appName)}</title>`);
  expect(html).toMatch(/<header class="site-header">/);
  expect(html).toMatch(/<option value="ar" lang="ar" selected="">/);
  expect(html).toContain(`<h1>${escaped(t.error.notFound.title)}</h1>`);
  expect(html).toContain('<footer class="site-footer">');
});

test('every page route has the shared error boundary', async () => {
  const pages = (await appRoutes()).filter((r) => r.id !== 'root' && r.module.default);
  expect(pages.length).toBeGreaterThan(30);
  expect(pages.filter((r) => r.module.ErrorBoundary !== RouteErrorBoundary).map((r) => r.id)).toEqual([]);
});
