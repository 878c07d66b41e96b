import geodesic from 'geographiclib-geodesic';
import { clickParcel, expect, largestParcel, openApp, test, waitForMapIdle, waitForReady } from './fixtures';

test('draw a parcel by clicks: live area, saved, still there after reload', async ({ page }) => {
  await openApp(page);
  const before = await page.evaluate(() => window.__landstock.parcelCount());
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map');
  await page.getByTestId('draw-polygon').click();
  const corners = [
    [box.x + 40, box.y + box.height - 160],
    [box.x + 140, box.y + box.height - 160],
    [box.x + 140, box.y + box.height - 60],
    [box.x + 40, box.y + box.height - 60],
  ] as const;
  for (const [x, y] of corners) {
    await page.mouse.move(x, y);
    await page.mouse.click(x, y);
  }
  await expect(page.getByTestId('live-area')).not.toHaveText(/^0\.00/);
  await page.mouse.move(corners[0][0], corners[0][1]);
  await page.mouse.click(corners[0][0], corners[0][1]);
  await expect.poll(() => page.evaluate(() => window.__landstock.parcelCount())).toBe(before + 1);
  await expect(page.getByTestId('inspector')).toBeVisible();
  const drawnId = await page.evaluate(() => window.__landstock.selectedId());
  expect(drawnId).toMatch(/^drawn#/);

  await page.reload();
  await waitForReady(page);
  expect(await page.evaluate(() => window.__landstock.parcelCount())).toBe(before + 1);
  expect(await page.evaluate(() => window.__landstock.parcelIds())).toContain(drawnId);
  await expect(page.getByTestId('layer-parcels')).toHaveCount(2);
});

test('record a patrol with a photo; it is there after reload, newest first', async ({ page }) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  await page.locator('select[name="stage"]').selectOption('not-started');
  await page.locator('select[name="finding"]').selectOption('warning');
  await page.getByTestId('patrol-notes').fill('围挡完好，场内无施工迹象');
  await page.getByTestId('patrol-photo-input').setInputFiles('tests/e2e/site-photo.png');
  await expect(page.getByTestId('patrol-photo-count')).toContainText('1');
  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('patrol-item')).toHaveCount(1);
  await expect(page.getByTestId('patrol-item').first()).toContainText('围挡完好');

  await page.reload();
  await waitForReady(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  const item = page.getByTestId('patrol-item').first();
  await expect(item).toContainText('围挡完好，场内无施工迹象');
  await expect(item).toContainText('预警');
  await expect(item.getByTestId('patrol-photo').locator('img')).toBeVisible();
});

test('typed patrol notes survive a reload before saving', async ({ page }) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  await page.getByTestId('patrol-notes').fill('写了一半的记录');
  await page.waitForTimeout(800);
  await page.reload();
  await waitForReady(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  await expect(page.getByTestId('patrol-notes')).toHaveValue('写了一半的记录');
});

test.describe('walking a boundary with GPS', () => {
  test.use({ permissions: ['geolocation'], geolocation: { latitude: 25.2, longitude: 110.2, accuracy: 5 } });

  test('simulated positions walked around a plot become a parcel of the walked area', async ({
    page,
    context,
  }) => {
    await openApp(page);
    const before = await page.evaluate(() => window.__landstock.parcelCount());
    const walk = [
      [110.2, 25.2],
      [110.201, 25.2],
      [110.201, 25.2008],
      [110.2, 25.2008],
    ] as const;
    await page.getByTestId('walk-start').click();
    for (const [index, [lon, lat]] of walk.entries()) {
      await context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 5 });
      await expect(page.getByTestId('walk-fix')).toContainText('±5 m');
      // Wait until the watch has delivered this position (the panel shows the fix count after adding).
      await page.waitForTimeout(1500);
      await page.getByTestId('walk-add').click();
      await expect(page.getByTestId('walk-count')).toContainText(String(index + 1));
    }
    await page.getByTestId('walk-finish').click();
    await expect.poll(() => page.evaluate(() => window.__landstock.parcelCount())).toBe(before + 1);
    await waitForMapIdle(page);
    const polygon = geodesic.Geodesic.WGS84.Polygon(false);
    for (const [lon, lat] of walk) polygon.AddPoint(lat, lon);
    const expectedMu = (Math.abs(polygon.Compute(false, true).area as number) / (10_000 / 15)).toFixed(2);
    await expect(page.getByTestId('parcel-area')).toHaveText(`${expectedMu} 亩`);
  });
});
