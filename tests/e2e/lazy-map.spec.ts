import { expect, test, waitForHydration } from './fixtures';

// Issue 13: the activity page's map (Leaflet, about 50 kB gzipped) is fetched when the visitor comes
// near it, not with the page.
test('the activity page fetches the map only when its place comes near the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const mapRequests: string[] = [];
  page.on('request', (r) => r.url().includes('activity-map.client') && mapRequests.push(r.url()));
  await page.goto('/aktiviteter?alder=10');
  const href = (await page.locator('.result-card__title a').first().getAttribute('href'))!;
  await page.goto(href);
  await waitForHydration(page);
  const map = page.locator('.map--small');
  await expect(map).toHaveCount(1);
  const top = await map.evaluate((el) => el.getBoundingClientRect().top);
  // The test means something only if the map starts well below the first screen.
  expect(top, 'the map is below the first screen at 360 x 640').toBeGreaterThan(640 + 300);
  await page.waitForTimeout(800);
  expect(mapRequests).toEqual([]);
  await map.scrollIntoViewIfNeeded();
  await expect.poll(() => mapRequests.length).toBeGreaterThan(0);
  await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached();
});
