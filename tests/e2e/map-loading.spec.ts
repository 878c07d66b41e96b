import type { Page, Route } from '@playwright/test';
import { solidPng } from '../../src/io/testing/pmtiles-writer';
import { expect, openApp, test, waitForMapIdle } from './fixtures';

const tiles = (host: string) =>
  `https://${host}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=w&FORMAT=tiles&TILECOL={x}&TILEROW={y}&TILEMATRIX={z}&tk=test`;

async function setBasemap(page: Page, url: string): Promise<void> {
  await page.getByTestId('open-settings').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder(/tianditu/).fill(url);
  await dialog.getByRole('button', { name: '保存底图', exact: true }).click();
  await dialog.getByRole('button', { name: '关闭', exact: true }).first().click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

test('store changes made while the map is still loading are applied once it can take them', async ({
  page,
  context,
}) => {
  // Online basemap tiles are held until the end: the map keeps loading (never "loaded") meanwhile.
  const held: Route[] = [];
  let release = false;
  const png = Buffer.from(solidPng([120, 160, 120]));
  await context.route(/tianditu\.gov\.cn/, (route) => {
    if (release) return route.fulfill({ status: 200, contentType: 'image/png', body: png });
    held.push(route);
  });
  await openApp(page);
  const parcels = (await page.evaluate(() => window.__landstock.layers())).find((l) => l.role === 'parcels');
  if (!parcels) throw new Error('no parcel layer');
  const fill = `${parcels.id}:fill`;
  expect(await page.evaluate((id) => window.__landstock.mapLayerVisibility(id), fill)).toBe('visible');

  await setBasemap(page, tiles('t0'));
  await expect.poll(() => held.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__landstock.mapIdle())).toBe(false);

  // While the tiles load: hide the parcels, then switch to another basemap URL.
  await page.getByTestId('layer-parcels').filter({ hasText: parcels.name }).getByRole('checkbox').uncheck();
  await expect
    .poll(() => page.evaluate((id) => window.__landstock.mapLayerVisibility(id), fill))
    .toBe('none');
  await setBasemap(page, tiles('t1'));
  await expect.poll(() => page.evaluate(() => window.__landstock.mapBasemapTiles())).toEqual([tiles('t1')]);

  release = true;
  for (const route of held.splice(0))
    await route.fulfill({ status: 200, contentType: 'image/png', body: png }).catch(() => undefined);
  await waitForMapIdle(page);
  expect(await page.evaluate((id) => window.__landstock.mapLayerVisibility(id), fill)).toBe('none');
  expect(await page.evaluate(() => window.__landstock.mapBasemapTiles())).toEqual([tiles('t1')]);
});
