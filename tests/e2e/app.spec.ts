import { readFileSync } from 'node:fs';
import geodesic from 'geographiclib-geodesic';
import { clickParcel, expect, largestParcel, openApp, test, waitForReady } from './fixtures';

interface DemoFeature {
  geometry: { type: string; coordinates: number[][][] | number[][][][] };
  properties: Record<string, unknown>;
}
const demoParcels = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as {
  features: DemoFeature[];
};

/** Independent area (GeographicLib, geodesic edges) of a demo feature, in m². */
function geodesicArea(feature: DemoFeature): number {
  const polygons = (
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
  ) as number[][][][];
  let total = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const p = geodesic.Geodesic.WGS84.Polygon(false);
      for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat as number, lon as number);
      const area = Math.abs(p.Compute(false, true).area as number);
      total += index === 0 ? area : -area;
    });
  }
  return total;
}

test('the demo county is on the map, in Chinese, with every parcel counted', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const count = page.getByTestId('parcel-count');
  await expect(count).toHaveAttribute('data-count', String(demoParcels.features.length));
  await expect(count).toContainText(`共 ${demoParcels.features.length.toLocaleString('zh-CN')} 宗`);
  for (const role of [
    'parcels',
    'development-boundary',
    'permanent-farmland',
    'ecological-redline',
    'park',
  ]) {
    await expect(page.getByTestId(`layer-${role}`)).toBeVisible();
  }
  await expect(page.getByTestId('legend-idle')).toContainText('闲置土地');
});

test('clicking a parcel shows its attributes and its ellipsoidal area in 亩', async ({ page }) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await expect(page.getByTestId('inspector')).toBeVisible();
  const seq = Number(id.split('#')[1]);
  const feature = demoParcels.features[seq];
  if (!feature) throw new Error(`no demo feature ${seq}`);
  const expectedMu = (geodesicArea(feature) / (10_000 / 15)).toFixed(2);
  await expect(page.getByTestId('parcel-area')).toHaveText(`${expectedMu} 亩`);
  await expect(page.getByTestId('attributes')).toContainText(String(feature.properties.ZDDM));
  // The unit toggles to m² and 公顷.
  await page.getByTestId('parcel-area').click();
  await expect(page.getByTestId('parcel-area')).toContainText('平方米');
  await page.getByTestId('parcel-area').click();
  await expect(page.getByTestId('parcel-area')).toContainText('公顷');
});

test('a reload shows the same data from IndexedDB, with layer settings kept', async ({ page }) => {
  await openApp(page);
  const farmland = page.getByTestId('layer-permanent-farmland').getByRole('checkbox');
  await farmland.uncheck();
  // The setting is written to IndexedDB asynchronously: reload once it is stored.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<unknown>((resolve, reject) => {
            const open = indexedDB.open('landstock');
            open.onsuccess = () => {
              const request = open.result.transaction('layers').objectStore('layers').getAll();
              request.onsuccess = () => {
                const layers = request.result as { role: string; visible: boolean }[];
                resolve(layers.find((l) => l.role === 'permanent-farmland')?.visible);
                open.result.close();
              };
              request.onerror = () => reject(request.error);
            };
            open.onerror = () => reject(open.error);
          }),
      ),
    )
    .toBe(false);
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('parcel-count')).toHaveAttribute(
    'data-count',
    String(demoParcels.features.length),
  );
  await expect(page.getByTestId('layer-permanent-farmland').getByRole('checkbox')).not.toBeChecked();
  // The demo was stored once, not re-imported: the demo marker is still the first start's.
  const stamps = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('landstock');
        open.onsuccess = () => {
          const request = open.result.transaction('meta').objectStore('meta').getAll();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(stamps).toHaveLength(1);
});

test('the English switch is remembered across reloads', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('parcel-count')).toContainText('parcels');
  await page.reload();
  await waitForReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
});

test('reset demo data asks first, then restores the demo', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('layer-ecological-redline').getByRole('checkbox').uncheck();
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reset-demo').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.getByTestId('confirm-reset').click();
  await waitForReady(page);
  await expect(page.getByTestId('layer-ecological-redline').getByRole('checkbox')).toBeChecked();
  await expect(page.getByTestId('parcel-count')).toHaveAttribute(
    'data-count',
    String(demoParcels.features.length),
  );
});
