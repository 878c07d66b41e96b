import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { clickParcel, expect, largestParcel, openApp, test, waitForReady } from './fixtures';
import { generatedParcels, storedSnapshot } from './storage-helpers';

/**
 * Chromium's DevTools quota override (`Storage.overrideQuotaForOrigin`; undefined lifts it). Tried
 * here (Chromium 156): IndexedDB honours it only when it is set before the origin first opens
 * IndexedDB in the context; lowered later it is ignored, lifted later it is honoured; and
 * `navigator.storage.estimate()` never reports it. So the tests measure the app's usage in a
 * throwaway context, then set the quota on a fresh page before the app starts.
 */
async function setQuota(cdp: CDPSession, origin: string, quotaSize?: number): Promise<void> {
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin,
    ...(quotaSize === undefined ? {} : { quotaSize }),
  });
}

/** What the app stores on a first start (the demo county), measured in a context of its own. */
async function usageAfterFirstStart(browser: Browser, baseURL: string): Promise<number> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await openApp(page);
    return await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  } finally {
    await context.close();
  }
}

/**
 * A page whose origin gets `margin` bytes beyond what the first start stores (the first start
 * needs room beyond its final usage: the check counts a transaction's size before compaction).
 */
async function tightPage(
  browser: Browser,
  context: BrowserContext,
  page: Page,
  baseURL: string,
  margin: number,
): Promise<{ cdp: CDPSession; origin: string }> {
  const used = await usageAfterFirstStart(browser, baseURL);
  expect(used).toBeGreaterThan(0);
  const origin = new URL(baseURL).origin;
  const cdp = await context.newCDPSession(page);
  await setQuota(cdp, origin, used + margin);
  await openApp(page);
  return { cdp, origin };
}

/** A noisy photo (noise does not compress: ~1 MB as the app's 1,600 px JPEG), drawn in the page. */
async function noisyPhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1600, 1200);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    const image = context.createImageData(1600, 1200);
    let seed = 7;
    for (let i = 0; i < image.data.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      image.data[i] = i % 4 === 3 ? 255 : seed & 255;
    }
    context.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return Buffer.from(b64, 'base64');
}

async function importGeoJson(page: Page, name: string, json: unknown): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({
    name,
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-commit')).toBeEnabled({ timeout: 60_000 });
  await dialog.getByTestId('import-commit').click();
}

test('R23: an import that exceeds the storage quota is refused whole, says so, and earlier data is intact; with room it succeeds', async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { cdp, origin } = await tightPage(browser, context, page, baseURL ?? '', 4 * 1024 * 1024);
  const before = await storedSnapshot(page);
  const countBefore = await page.evaluate(() => window.__landstock.parcelCount());

  // Must not fit in 4 MB however compactly parcels are stored: each carries a 300-character note
  // of its own (a real 备注 field), so its attributes alone are about 6 MB. Each note starts with
  // its parcel's number: the same note in every parcel is stored once per chunk.
  const note = '该宗地已批未供，需核查土地出让合同与用地批复。'.repeat(14);
  const big = generatedParcels(10_000, 110.45, (i) => ({
    ZDDM: `GEN${String(i).padStart(6, '0')}`,
    BZ: `第${i}宗：${note}`,
  }));
  await importGeoJson(page, 'too-big.geojson', big);
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible({ timeout: 120_000 });
  await expect(error).toContainText('存储空间已满');
  await page.getByTestId('import-close').click();
  expect(await page.evaluate(() => window.__landstock.parcelCount())).toBe(countBefore);

  await page.reload();
  await waitForReady(page);
  const after = await storedSnapshot(page);
  expect(after?.layers).toEqual(before?.layers);
  expect(after?.orphanChunks).toBe(0);
  expect(await page.evaluate(() => window.__landstock.parcelCount())).toBe(countBefore);

  // Room again: the same import goes through, whole.
  await setQuota(cdp, origin);
  await importGeoJson(page, 'too-big.geojson', big);
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 120_000 });
  const stored = await storedSnapshot(page);
  const layer = stored?.layers.find((l) => l.name.includes('too-big'));
  expect(layer?.parcels).toBe(10_000);
  expect(layer?.featureCount).toBe(10_000);
});

test('R24: a patrol with a photo that does not fit is refused; the typed note stays (form and draft), a lasting warning shows, earlier patrols intact', async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { cdp, origin } = await tightPage(browser, context, page, baseURL ?? '', 4 * 1024 * 1024);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  // An earlier patrol with the fixture photo.
  await page.getByTestId('patrol-notes').fill('第一次巡查');
  await page.getByTestId('patrol-photo-input').setInputFiles('tests/e2e/site-photo.png');
  await expect(page.getByTestId('patrol-photo-count')).toContainText('1');
  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('patrol-item')).toHaveCount(1);
  const earlier = await storedSnapshot(page);
  expect(earlier?.patrols).toHaveLength(1);

  const note = '第二次巡查：围墙倒塌，需要复查';
  await page.getByTestId('patrol-notes').fill(note);
  await expect
    .poll(async () => (await storedSnapshot(page))?.drafts.find((d) => d.key === `patrol:${id}`)?.value)
    .toMatchObject({ notes: note });
  const photo = await noisyPhoto(page);
  // Four ~1.5 MB photos: more than the 4 MB left.
  await page
    .getByTestId('patrol-photo-input')
    .setInputFiles(
      [1, 2, 3, 4].map((n) => ({ name: `site-${n}.png`, mimeType: 'image/png', buffer: photo })),
    );
  await expect(page.getByTestId('patrol-photo-count')).toContainText('4');

  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('banner')).toContainText('存储空间已满');
  await expect(page.getByTestId('patrol-notes')).toHaveValue(note);
  await expect(page.getByTestId('patrol-item')).toHaveCount(1);
  const during = await storedSnapshot(page);
  expect(during?.patrols).toEqual(earlier?.patrols);
  expect(during?.photoIds).toEqual(earlier?.photoIds);
  expect(during?.drafts.find((d) => d.key === `patrol:${id}`)?.value).toMatchObject({ notes: note });
  // The warning lasts (it is not a toast that goes away).
  await page.waitForTimeout(6000);
  await expect(page.getByTestId('banner')).toContainText('存储空间已满');

  // Space freed: the same form saves, with its photo.
  await setQuota(cdp, origin);
  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('patrol-item')).toHaveCount(2);
  const after = await storedSnapshot(page);
  const saved = after?.patrols.find((p) => p.notes === note);
  expect(saved?.photoIds).toHaveLength(4);
  for (const photoId of saved?.photoIds ?? []) expect(after?.photoIds).toContain(photoId);
});
