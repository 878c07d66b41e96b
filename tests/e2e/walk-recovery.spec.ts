import geodesic from 'geographiclib-geodesic';
import { expect, openApp, test, waitForMapIdle, waitForReady } from './fixtures';

test.use({ permissions: ['geolocation'], geolocation: { latitude: 25.25, longitude: 110.25, accuracy: 5 } });

const WALK = [
  [110.25, 25.25],
  [110.2512, 25.25],
  [110.2512, 25.2509],
  [110.25, 25.2509],
] as const;

test('#6 walk recovery: a half-walked boundary is offered after a reload; continued and finished, it is saved', async ({
  page,
  context,
}) => {
  await openApp(page);
  const before = await page.evaluate(() => window.__landstock.parcelCount());

  const addFix = async (index: number) => {
    const [lon, lat] = WALK[index] ?? [0, 0];
    await context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 5 });
    await expect(page.getByTestId('walk-fix')).toContainText('±5 m');
    // Let the position watch deliver this position before it is taken.
    await page.waitForTimeout(1500);
    await page.getByTestId('walk-add').click();
    await expect(page.getByTestId('walk-count')).toContainText(String(index + 1));
  };

  await page.getByTestId('walk-start').click();
  for (const index of [0, 1, 2]) await addFix(index);
  await expect(page.getByTestId('walk-finish')).toBeEnabled();

  // The tab goes away half-way round (reload); nothing is saved as a parcel yet.
  await page.waitForTimeout(500);
  await page.reload();
  await waitForReady(page);
  expect(await page.evaluate(() => window.__landstock.parcelCount())).toBe(before);
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('3');
  await page.getByTestId('draft-continue').click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('walk-panel')).toBeVisible();
  await expect(page.getByTestId('walk-count')).toContainText('3');

  await addFix(3);
  await page.getByTestId('walk-finish').click();
  await expect.poll(() => page.evaluate(() => window.__landstock.parcelCount())).toBe(before + 1);
  await waitForMapIdle(page);
  const id = await page.evaluate(() => window.__landstock.selectedId());
  expect(id).toMatch(/^walked#|^drawn#/);

  // The saved shape is the walked one: its area against GeographicLib, computed here.
  const polygon = geodesic.Geodesic.WGS84.Polygon(false);
  for (const [lon, lat] of WALK) polygon.AddPoint(lat, lon);
  const expectedMu = (Math.abs(polygon.Compute(false, true).area as number) / (10_000 / 15)).toFixed(2);
  await expect(page.getByTestId('parcel-area')).toHaveText(`${expectedMu} 亩`);

  // The draft is gone once saved: no offer after another reload, the parcel is still there.
  await page.waitForTimeout(500);
  await page.reload();
  await waitForReady(page);
  expect(await page.evaluate(() => window.__landstock.parcelIds())).toContain(id);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
});
