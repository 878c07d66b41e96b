import type { Page } from '@playwright/test';
import { solidPng, writeTestPmtiles } from '../../src/io/testing/pmtiles-writer';
import { expect, openApp, test, waitForReady } from './fixtures';

declare global {
  interface Window {
    __xss?: number;
    __hostileCsp: string[];
  }
}

const DETAILS = '<details open ontoggle=window.__xss=1>x</details>';
const IMG = '<img src=https://evil.example/p>';
const ONERROR = '<img src=x onerror=window.__xss=1>';

/** Every request of the context (service worker included), listed; evil.example is never answered. */
async function spyRequests(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    seen.push(url);
    if (url.includes('evil.example')) return route.abort('blockedbyclient');
    return route.continue();
  });
  page.on('request', (request) => seen.push(request.url()));
  return seen;
}

async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__hostileCsp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__hostileCsp.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

/** A valid one-tile raster archive whose metadata (name, attribution, description, layers) is hostile. */
function hostileArchive(): Buffer {
  const bytes = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: solidPng([120, 180, 90]) }], {
    bounds: [-180, -85, 180, 85],
    center: [110.3, 25.3, 0],
    metadata: {
      name: `${DETAILS}${IMG}`,
      description: ONERROR,
      attribution: `${DETAILS}${IMG} © 测试底图 &lt;b&gt;`,
      vector_layers: [{ id: IMG }, { id: DETAILS }],
    },
  });
  return Buffer.from(bytes);
}

// Chromium will not create a file whose name holds '/', so the file name's markup leaves it out.
const FILE_NAME = `${DETAILS.replace('/', '')}${ONERROR}.pmtiles`;

test('R52: hostile basemap metadata and file name show as text only; no script runs, evil.example never requested', async ({
  page,
}) => {
  const requests = await spyRequests(page);
  await watchCsp(page);
  await openApp(page);
  await page.getByTestId('open-settings').click();
  const section = page.getByTestId('offline-basemap');
  await section.getByTestId('offline-basemap-file').setInputFiles({
    name: FILE_NAME,
    mimeType: 'application/octet-stream',
    buffer: hostileArchive(),
  });

  const check = async () => {
    await expect(section.getByTestId('offline-basemap-info')).toBeVisible();
    // The file name, literally, as text.
    const name = section.getByTestId('offline-basemap-name');
    await expect(name).toHaveText(FILE_NAME);
    expect(await name.locator('*').count()).toBe(0);
    // The attribution: the words only; tags dropped, entities shown as characters, never as markup.
    const attribution = section.getByTestId('offline-basemap-attribution');
    await expect(attribution).toHaveText('x © 测试底图 <b>');
    expect(await attribution.locator('*').count()).toBe(0);
    // No element built from the file anywhere in the page.
    expect(await page.locator('details, img[src*="evil.example"], img[src="x"]').count()).toBe(0);
    await page.waitForTimeout(300); // a toggle event, were a <details open> created, fires on a task
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  };
  await check();

  // Kept for the next start: the stored archive's metadata is read again and shown the same way.
  await page.reload();
  await waitForReady(page);
  await page.getByTestId('open-settings').click();
  await check();
  expect(await page.evaluate(() => window.__landstock.basemapTilesServed())).toBeGreaterThan(0);

  expect(requests.filter((url) => url.includes('evil.example'))).toEqual([]);
  expect(await page.evaluate(() => window.__hostileCsp)).toEqual([]);
});
