import type { Page } from '@playwright/test';
import { fullTileMvt, solidPng, tileAt, writeTestPmtiles } from '../../src/io/testing/pmtiles-writer';
import { expect, test, waitForMapIdle, waitForReady } from './fixtures';
import { cutNetwork, installApp } from './service-worker';

// The offline basemap must survive an offline start: the service worker is needed.
test.use({ serviceWorkers: 'allow' });

type RGB = [number, number, number];
const WORLD: RGB = [200, 60, 40];
const COUNTY: RGB = [40, 90, 200];
// The demo county (漓源县, around 110.3°E 25.3°N) at zoom 1, computed independently of the app.
const countyTile = tileAt(110.3, 25.3, 1);

/** A two-tile archive: the world at zoom 0 in one colour, the county's zoom-1 tile in another. */
function fixture(): Buffer {
  const bytes = writeTestPmtiles(
    [
      { z: 0, x: 0, y: 0, data: solidPng(WORLD) },
      { z: 1, x: countyTile.x, y: countyTile.y, data: solidPng(COUNTY) },
    ],
    { bounds: [-180, -85, 180, 85], center: [110.3, 25.3, 1] },
  );
  return Buffer.from(bytes);
}

/** Share of the map's pixels within a small tolerance of a colour (decoded by the browser). */
async function shareOfColour(page: Page, rgb: RGB): Promise<number> {
  const png = await page.getByTestId('map').screenshot();
  return page.evaluate(
    async ({ base64, colour }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) return 0;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near =
          Math.abs((data[i] ?? 0) - colour[0]) <= 6 &&
          Math.abs((data[i + 1] ?? 0) - colour[1]) <= 6 &&
          Math.abs((data[i + 2] ?? 0) - colour[2]) <= 6;
        if (near) hits++;
      }
      return hits / (data.length / 4);
    },
    { base64: png.toString('base64'), colour: rgb },
  );
}

declare global {
  interface Window {
    __basemapCsp: string[];
  }
}

/** Records CSP violations from before the app's first script (the build's policy is in force). */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__basemapCsp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__basemapCsp.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

async function openSettings(page: Page) {
  await page.getByTestId('open-settings').click();
  return page.getByTestId('offline-basemap');
}

async function closeSettings(page: Page): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).first().click();
  await expect(page.getByTestId('offline-basemap')).toHaveCount(0);
}

test('an offline PMTiles basemap: chosen once, drawn from its tiles, kept for an offline start', async ({
  page,
  context,
}) => {
  await watchCsp(page);
  await installApp(page);
  expect(await page.evaluate(() => window.__landstock.basemapTilesServed())).toBe(0);
  expect(await shareOfColour(page, COUNTY)).toBe(0);

  // Junk is refused with a message and changes nothing.
  let section = await openSettings(page);
  await section.getByTestId('offline-basemap-file').setInputFiles({
    name: 'not-a-basemap.pmtiles',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('{"type":"FeatureCollection","features":[]}'.padEnd(400, ' ')),
  });
  await expect(section.getByTestId('offline-basemap-problem')).toContainText('不是 PMTiles');
  await expect(section.getByTestId('offline-basemap-info')).toHaveCount(0);
  // A damaged archive (cut short) as well.
  await section.getByTestId('offline-basemap-file').setInputFiles({
    name: 'cut.pmtiles',
    mimeType: 'application/octet-stream',
    buffer: fixture().subarray(0, 300),
  });
  await expect(section.getByTestId('offline-basemap-problem')).toContainText('损坏');
  await expect(section.getByTestId('offline-basemap-info')).toHaveCount(0);

  await section.getByTestId('offline-basemap-file').setInputFiles({
    name: 'county.pmtiles',
    mimeType: 'application/octet-stream',
    buffer: fixture(),
  });
  await expect(section.getByTestId('offline-basemap-name')).toHaveText('county.pmtiles');
  await expect(section.getByTestId('offline-basemap-problem')).toHaveCount(0);
  await expect(section.getByTestId('offline-basemap-type')).toContainText('PNG');
  await expect(section.getByTestId('offline-basemap-zooms')).toHaveText('0–1');
  await expect(section.getByTestId('offline-basemap-bounds')).toHaveText(
    '-180.000, -85.000, 180.000, 85.000',
  );
  await expect(section.getByTestId('offline-basemap-session')).toHaveCount(0);
  await closeSettings(page);

  // The county's zoom-1 tile is drawn (over-zoomed) under the parcels; the world tile is not in view.
  await waitForMapIdle(page);
  await expect.poll(() => page.evaluate(() => window.__landstock.basemapTilesServed())).toBeGreaterThan(0);
  await expect.poll(() => shareOfColour(page, COUNTY)).toBeGreaterThan(0.2);
  expect(await shareOfColour(page, WORLD)).toBe(0);
  expect(await page.evaluate(() => window.__basemapCsp)).toEqual([]);

  // Next start, with no network: the stored archive is read from the device.
  const attempts = await cutNetwork(context);
  await page.reload();
  await waitForReady(page);
  await expect.poll(() => page.evaluate(() => window.__landstock.basemapTilesServed())).toBeGreaterThan(0);
  await expect.poll(() => shareOfColour(page, COUNTY)).toBeGreaterThan(0.2);
  expect(attempts.filter((url) => !url.endsWith('/sw.js'))).toEqual([]);
  section = await openSettings(page);
  await expect(section.getByTestId('offline-basemap-name')).toHaveText('county.pmtiles');

  // Removed: gone from the map now and at the next start.
  await section.getByTestId('offline-basemap-remove').click();
  await expect(section.getByTestId('offline-basemap-info')).toHaveCount(0);
  await closeSettings(page);
  await waitForMapIdle(page);
  await expect.poll(() => shareOfColour(page, COUNTY)).toBe(0);
  await page.reload();
  await waitForReady(page);
  expect(await page.evaluate(() => window.__landstock.basemapTilesServed())).toBe(0);
  expect(await shareOfColour(page, COUNTY)).toBe(0);
});

test('a vector (MVT) PMTiles basemap is drawn with the built-in style, with no glyph or sprite requests', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await watchCsp(page);
  await page.goto('/');
  await waitForReady(page);
  const water: RGB = [170, 211, 223];
  // Before the basemap, only the odd blended edge pixel of the county's parcels can come near the
  // water colour (a few dozen of ~900k); after it, water covers most of the map.
  expect(await shareOfColour(page, water)).toBeLessThan(0.001);
  const archive = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: fullTileMvt('water') }], {
    tileType: 1,
    metadata: { vector_layers: [{ id: 'water', fields: {} }] },
  });
  const section = await openSettings(page);
  await section.getByTestId('offline-basemap-file').setInputFiles({
    name: 'water.pmtiles',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(archive),
  });
  await expect(section.getByTestId('offline-basemap-type')).toContainText('MVT');
  await closeSettings(page);
  await waitForMapIdle(page);
  await expect.poll(() => page.evaluate(() => window.__landstock.basemapTilesServed())).toBeGreaterThan(0);
  await expect.poll(() => shareOfColour(page, water)).toBeGreaterThan(0.2);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
  expect(await page.evaluate(() => window.__basemapCsp)).toEqual([]);
});

test('where the browser cannot write files, the basemap is used for the session and Settings say so', async ({
  page,
}) => {
  // As in browsers without writable OPFS files (older Safari, some WebViews).
  await page.addInitScript(() => {
    Reflect.deleteProperty(FileSystemFileHandle.prototype, 'createWritable');
  });
  await page.goto('/');
  await waitForReady(page);
  let section = await openSettings(page);
  await section.getByTestId('offline-basemap-file').setInputFiles({
    name: 'county.pmtiles',
    mimeType: 'application/octet-stream',
    buffer: fixture(),
  });
  await expect(section.getByTestId('offline-basemap-session')).toBeVisible();
  await closeSettings(page);
  await waitForMapIdle(page);
  await expect.poll(() => shareOfColour(page, COUNTY)).toBeGreaterThan(0.2);
  // Nothing half-written was left behind to be found at the next start.
  await page.reload();
  await waitForReady(page);
  section = await openSettings(page);
  await expect(section.getByTestId('offline-basemap-info')).toHaveCount(0);
  expect(await page.evaluate(() => window.__landstock.basemapTilesServed())).toBe(0);
});
