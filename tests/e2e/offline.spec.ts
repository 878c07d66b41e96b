import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { clickParcel, expect, largestParcel, test, waitForReady } from './fixtures';

// These tests are about the service worker: switch it on (playwright.config.ts blocks it by default).
test.use({ serviceWorkers: 'allow' });

const demo = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as { features: unknown[] };

/** First visit, then wait until the service worker is active and controls the page (after one reload). */
async function installApp(page: Page): Promise<void> {
  await page.goto('/');
  await waitForReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await waitForReady(page);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'))
    .toBe('activated');
}

/** No network at all: offline, and every request that still reaches the network is aborted and listed. */
async function cutNetwork(context: BrowserContext): Promise<string[]> {
  const attempts: string[] = [];
  await context.setOffline(true);
  // Playwright#2311: setOffline alone has not always covered service-worker traffic; abort it too.
  await context.route('**', (route) => {
    attempts.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return attempts;
}

async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test('after one visit the app, the demo county and the map start with no network', async ({
  page,
  context,
}) => {
  await installApp(page);

  // Every built asset is precached: the app shell, our workers, MapLibre's worker, the demo county.
  const cached = await cachedPaths(page);
  const assets = readdirSync('dist/assets').map((file) => `/assets/${file}`);
  expect(assets.some((a) => a.endsWith('.geojson'))).toBe(true);
  expect(assets.some((a) => a.includes('maplibre-gl-worker'))).toBe(true);
  for (const asset of assets) expect(cached, asset).toContain(asset);
  expect(cached).toContain('/index.html');

  const attempts = await cutNetwork(context);
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(demo.features.length));
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('attributes')).toBeVisible();

  // The demo county itself comes from the precache: reset it (empties IndexedDB, loads the files again).
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reset-demo').click();
  await page.getByTestId('confirm-reset').click();
  const busy = page.locator('.busy');
  await expect(busy).toBeVisible();
  await expect(busy).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(demo.features.length));
  await waitForReady(page);
  await clickParcel(page, await largestParcel(page));
  await expect(page.getByTestId('inspector')).toBeVisible();

  // A deep link still opens the app offline (navigations fall back to index.html) …
  await page.goto('/some/deep/link');
  await waitForReady(page);
  // … but nothing the app needed went to the network (only the browser's own update check may try).
  expect(attempts.filter((url) => !url.endsWith('/sw.js'))).toEqual([]);
});

test('a missing hashed asset is a 404, never index.html (online and through the service worker)', async ({
  page,
  request,
  consoleErrors,
}) => {
  const direct = await request.get('/assets/index-doesnotexist.js');
  expect(direct.status()).toBe(404);
  expect(await direct.text()).not.toContain('<html');
  await installApp(page);
  const viaWorker = await page.evaluate(async () => {
    const response = await fetch('/assets/index-doesnotexist.js');
    return { status: response.status, type: response.headers.get('content-type') ?? '' };
  });
  expect(viaWorker.status).toBe(404);
  expect(viaWorker.type).not.toContain('html');
  // The browser logs that 404 as a console error: expected here, and only this one.
  const expected = consoleErrors.findIndex((e) => e.includes('status of 404'));
  expect(expected).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(expected, 1);
  // Every script and style the page loaded comes from this one build.
  const built = new Set(readdirSync('dist/assets').map((file) => `/assets/${file}`));
  const loaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => /\.(js|css)$/.test(path)),
  );
  expect(loaded.length).toBeGreaterThan(0);
  for (const path of loaded) expect(built.has(path), path).toBe(true);
});
