import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { exactGeodesicAreaM2 } from '../../src/geo/area';
import { syntheticRecords } from '../../src/io/export/sample-records';
import { exportShapefileZip } from '../../src/io/export/shapefile.export';
import { clickParcel, expect, largestParcel, openApp, test, waitForMapIdle } from './fixtures';

const zip = readFileSync('data/demo/parcels-gk-gbk.zip');
const demo = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as { features: unknown[] };

async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, fileName }) => {
      const binary = atob(b64);
      const data = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: 'application/zip' }));
      return transfer;
    },
    { b64: bytes.toString('base64'), fileName: name },
  );
  await page.dispatchEvent('[data-testid=map-drop]', 'drop', { dataTransfer });
}

/**
 * Commits the open import of the demo's zipped shapefile and checks it landed whole, drawn over the
 * demo: a click on the demo's parcel `demoId` then selects the imported copy (drawn on top). Returns its id.
 */
async function commitDemoCopy(page: Page, demoId: string): Promise<string | null> {
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('parcel-count')).toHaveAttribute(
    'data-count',
    String(demo.features.length * 2),
  );
  await waitForMapIdle(page);
  await clickParcel(page, demoId);
  await expect.poll(() => page.evaluate(() => window.__landstock.selectedId())).not.toMatch(/^demo-/);
  return page.evaluate(() => window.__landstock.selectedId());
}

test('dropping a zipped GBK Gauss-Kruger shapefile puts its parcels in the right place, in readable Chinese', async ({
  page,
}) => {
  await openApp(page);
  const demoId = await largestParcel(page);
  await dropFile(page, 'parcels-gk-gbk.zip', zip);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-layer')).toHaveCount(1);
  await expect(dialog.getByTestId('import-crs')).toContainText('37');
  await expect(dialog).toContainText(/GBK|GB18030/i);
  await expect(dialog.getByTestId('import-role')).toHaveValue('parcels');
  // The report speaks the UI's language: each note opens with what it is about.
  await expect(dialog.getByTestId('import-notes')).toContainText('坐标系：');
  // The imported copy lies exactly on the demo parcel.
  const selected = await commitDemoCopy(page, demoId);
  expect(selected?.split('#')[1]).toBe(demoId.split('#')[1]);
  const attributes = page.getByTestId('attributes');
  await expect(attributes).toContainText('有限公司');
  await expect(attributes).not.toContainText('\uFFFD');
  await expect(page.getByTestId('layer-parcels')).toHaveCount(2);
});

test('files dragged over the map warm the import worker up, then a shapefile chosen with the import button lands whole, in place and readable, and nothing of the warm-up is stored', async ({
  page,
}) => {
  await openApp(page);
  const demoId = await largestParcel(page);
  // The spare worker is started once the page is idle; files dragged over the map (as the button
  // does) ask it to warm up once it is there.
  const files = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'county.zip', { type: 'application/zip' }));
    return transfer;
  });
  await expect
    .poll(
      async () => {
        await page.dispatchEvent('[data-testid=map-drop]', 'dragenter', { dataTransfer: files });
        return page.evaluate(() => {
          const mark = performance.getEntriesByName('landstock:import-spare-warmed')[0] as
            | PerformanceMark
            | undefined;
          return mark ? (mark.detail as { completed: boolean } | null) : 'none';
        });
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toEqual(expect.objectContaining({ completed: true }));
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles({ name: 'parcels-gk-gbk.zip', mimeType: 'application/zip', buffer: zip });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-crs')).toContainText('37');
  const selected = await commitDemoCopy(page, demoId);
  expect(selected?.split('#')[1]).toBe(demoId.split('#')[1]);
  // Nothing of the warm-up's synthetic county was stored or drawn.
  expect(await page.evaluate(() => window.__landstock.layers().map((l) => l.id))).not.toContain('warm-up');
  const attributes = page.getByTestId('attributes');
  await expect(attributes).toContainText('有限公司');
  await expect(attributes).not.toContainText('\uFFFD');
});

test('a truncated zip is refused with a message, nothing is stored, and the app keeps working', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'half.zip',
    mimeType: 'application/zip',
    buffer: zip.subarray(0, Math.floor(zip.length / 2)),
  });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-error')).toBeVisible();
  await expect(dialog.getByTestId('import-error')).not.toBeEmpty();
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(demo.features.length));
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await expect(page.getByTestId('inspector')).toBeVisible();
});

test('a layer read in the wrong encoding is switched to GBK afterwards and its Chinese reads right', async ({
  page,
}) => {
  await openApp(page);
  const demoId = await largestParcel(page);
  await page
    .getByTestId('import-input')
    .setInputFiles({ name: 'parcels-gk-gbk.zip', mimeType: 'application/zip', buffer: zip });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-layer')).toHaveCount(1);
  await dialog.getByTestId('import-encoding').selectOption('utf-8');
  await expect(dialog).toContainText('UTF-8');
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('import-close').click();
  await waitForMapIdle(page);
  await clickParcel(page, demoId);
  await expect(page.getByTestId('attributes')).toContainText('\uFFFD');

  const select = page.locator('[data-testid^="encoding-"]');
  await expect(select).toHaveCount(1);
  await select.selectOption('gbk');
  // The re-decode runs in a worker: the switch is disabled until it is done and then shows GBK.
  await expect(select).toHaveValue('gbk', { timeout: 60_000 });
  await expect(select).toBeEnabled();
  await waitForMapIdle(page);
  await clickParcel(page, demoId);
  await expect(page.getByTestId('attributes')).toContainText('有限公司');
  await expect(page.getByTestId('attributes')).not.toContainText('\uFFFD');
});

test('a county-sized zipped shapefile, its .shp read on the .shp reader’s thread, lands whole and in place', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  // 25,000 parcels: a .shp of about 6.8 MB, over the 4 MiB from which it is read beside the .dbf.
  const records = syntheticRecords(25_000);
  const county = exportShapefileZip(records, {
    encoding: 'gbk',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
    lastUpdate: new Date(Date.UTC(2025, 2, 1)),
  }).zip;
  await dropFile(page, 'county.zip', Buffer.from(county));
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-layer')).toHaveCount(1, { timeout: 60_000 });
  await expect(dialog.getByTestId('import-crs')).toContainText('37');
  await expect(dialog).toContainText(/GBK|GB18030/i);
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 120_000 });
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('parcel-count')).toHaveAttribute(
    'data-count',
    String(demo.features.length + records.length),
  );
  // In place: each parcel's ellipsoidal area, measured on what the import reprojected, is the area
  // of the lon/lat polygon it was exported from (GeographicLib's, an independent computation; a
  // wrong zone or axis would distort it).
  const imported = (await page.evaluate(() => window.__landstock.parcelAreas()))
    .filter((p) => !p.id.startsWith('demo-'))
    .sort((a, b) => Number(a.id.split('#')[1]) - Number(b.id.split('#')[1]));
  expect(imported).toHaveLength(records.length);
  for (const i of [0, 7, 12_345, records.length - 1]) {
    const expected = exactGeodesicAreaM2((records[i] as (typeof records)[number]).geometry);
    expect(Math.abs((imported[i]?.areaM2 ?? 0) - expected) / expected).toBeLessThan(1e-6);
  }
  await waitForMapIdle(page);
  await clickParcel(page, imported[0]?.id as string);
  const attributes = page.getByTestId('attributes');
  await expect(attributes).toContainText('有限公司');
  await expect(attributes).not.toContainText('\uFFFD');
});
