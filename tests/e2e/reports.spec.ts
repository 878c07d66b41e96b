import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { expect, openApp, test, waitForMapIdle } from './fixtures';

/** The centre pixel (r, g, b) of a small PNG screenshot: chunks, inflate, PNG row filters. */
function centrePixel(png: Buffer): [number, number, number] {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      channels = body[9] === 2 ? 3 : 4;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const previous = rows[y - 1] ?? new Uint8Array(stride);
    const row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (row[i - channels] ?? 0) : 0;
      const b = previous[i] ?? 0;
      const c = i >= channels ? (previous[i - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      row[i] = ((line[i] ?? 0) + predictor) & 255;
    }
    rows.push(row);
  }
  const centre = rows[height >> 1] ?? new Uint8Array(stride);
  const x = (width >> 1) * channels;
  return [centre[x] ?? 0, centre[x + 1] ?? 0, centre[x + 2] ?? 0];
}

const rgb = (css: string): [number, number, number] => {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
};

/**
 * Which pair of fills explains two renderings of one pixel over the same background:
 * before − after = α · (fillBefore − fillAfter) with one α for all channels. Returns the best pair.
 */
function explainFills(
  before: [number, number, number],
  after: [number, number, number],
  fillsBefore: string[],
  fillsAfter: string[],
): { before: number; after: number; alpha: number; residual: number } {
  let best = { before: -1, after: -1, alpha: 0, residual: Number.POSITIVE_INFINITY };
  fillsBefore.forEach((fb, i) => {
    fillsAfter.forEach((fa, j) => {
      const cb = rgb(fb);
      const ca = rgb(fa);
      const d = [0, 1, 2].map((k) => (cb[k] ?? 0) - (ca[k] ?? 0));
      const p = [0, 1, 2].map((k) => (before[k] ?? 0) - (after[k] ?? 0));
      const dd = d.reduce((sum, v) => sum + v * v, 0);
      if (dd === 0) return;
      const alpha = d.reduce((sum, v, k) => sum + v * (p[k] ?? 0), 0) / dd;
      const residual = Math.max(...[0, 1, 2].map((k) => Math.abs((p[k] ?? 0) - alpha * (d[k] ?? 0))));
      if (residual < best.residual) best = { before: i, after: j, alpha, residual };
    });
  });
  return best;
}

test('the attribute table filters and totals, statistics show the indicators, a shapefile export reads back', async ({
  page,
}) => {
  await openApp(page);
  const total = await page.evaluate(() => window.__landstock.parcelCount());
  await page.getByTestId('open-reports').click();
  const totals = page.getByTestId('table-totals');
  await expect(totals).toHaveAttribute('data-count', String(total));
  await expect(totals).toContainText('亩');
  await expect(page.getByTestId('table-row').first()).toBeVisible();

  // Filter: conflicts only, then a search that matches nothing.
  await page.getByTestId('table-filter-conflict').selectOption('yes');
  await expect.poll(async () => Number(await totals.getAttribute('data-count'))).toBeLessThan(total);
  const conflicts = Number(await totals.getAttribute('data-count'));
  expect(conflicts).toBeGreaterThan(0);
  await page.getByTestId('table-search').fill('没有这样的宗地 zzz');
  await expect(totals).toHaveAttribute('data-count', '0');
  await page.getByTestId('table-search').fill('');
  await expect(totals).toHaveAttribute('data-count', String(conflicts));

  // A row click selects the parcel (and zooms the map to it).
  const row = page.getByTestId('table-row').first();
  const id = await row.getAttribute('data-id');
  await row.click();
  await expect.poll(() => page.evaluate(() => window.__landstock.selectedId())).toBe(id);

  // Statistics and indicators.
  await page.getByTestId('reports-tab-statistics').click();
  const statistics = page.getByTestId('statistics');
  await expect(statistics.getByTestId('stats-table-category')).toBeVisible();
  await expect(statistics.getByTestId('indicator-approved')).toBeVisible();
  await expect(statistics.getByTestId('indicator-quarterly')).toBeVisible();
  await expect(statistics.getByTestId('bar-chart')).toBeVisible();

  // Export a shapefile of all parcels, then import it through the app.
  await page.getByTestId('reports-tab-export').click();
  await page.getByTestId('export-format-shapefile').check();
  await page.locator('input[name=export-scope]').first().check();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByTestId('export-fields')).toContainText('LS_CAT');
  const path = await download.path();
  const bytes = readFileSync(path);
  await page.getByTestId('reports-close').click();
  await page.getByTestId('import-input').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/zip',
    buffer: bytes,
  });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-layer')).toHaveCount(1);
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(total * 2));
});

test('the reports panel switches to English', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('language-switch').click();
  await page.getByTestId('open-reports').click();
  await expect(page.getByTestId('table-totals')).toContainText('parcels');
  await page.getByTestId('reports-tab-statistics').click();
  await expect(page.getByTestId('statistics').getByTestId('indicators')).toContainText(
    'Idle land disposal rate',
  );
});

test('the map is coloured by a statistics grouping: status classes in the legend, the parcel changes colour', async ({
  page,
}) => {
  await openApp(page);
  const total = await page.evaluate(() => window.__landstock.parcelCount());
  // A row click zooms the map to a parcel, so its fill covers many pixels around its interior point.
  await page.getByTestId('open-reports').click();
  const row = page.getByTestId('table-row').first();
  const id = (await row.getAttribute('data-id')) ?? '';
  await row.click();
  await expect.poll(() => page.evaluate(() => window.__landstock.selectedId())).toBe(id);
  await page.getByTestId('reports-close').click();
  await waitForMapIdle(page);
  const point = await page.evaluate((parcelId) => window.__landstock.screenPointOfParcel(parcelId), id);
  const box = await page.getByTestId('map').boundingBox();
  if (!point || !box) throw new Error('parcel not on screen');
  const pixel = () =>
    page.screenshot({ clip: { x: box.x + point.x - 1, y: box.y + point.y - 1, width: 3, height: 3 } });
  const byCategory = await pixel();
  const swatches = (list: ReturnType<typeof page.getByTestId>) =>
    list
      .locator('li .swatch.filled')
      .evaluateAll((items) => items.map((el) => getComputedStyle(el).backgroundColor));
  const legend = page.getByTestId('legend-classes');
  const categoryFills = await swatches(legend);

  await page.getByTestId('legend-color-by').selectOption('status');
  await expect(legend).toHaveAttribute('data-grouping', 'status');
  await expect(legend.getByTestId('legend-class').first()).toBeVisible();
  const classes = await legend
    .getByTestId('legend-class')
    .evaluateAll((items) =>
      items.map((li) => ({ key: li.getAttribute('data-key'), count: Number(li.getAttribute('data-count')) })),
    );
  expect(classes.reduce((sum, c) => sum + c.count, 0)).toBe(total);
  const statuses = ['to-verify', 'confirmed', 'disposing', 'disposed', 'revoked'];
  for (const c of classes) expect(statuses).toContain(c.key);
  const statusFills = await swatches(legend);
  await expect.poll(async () => (await pixel()).equals(byCategory), { timeout: 20_000 }).toBe(false);
  // The new colour is one of the status classes' fills (not the grey of a parcel left unclassed),
  // blended over the same background as before with one opacity (the layer's, under the selected
  // parcel's overlap pieces where they lie above it).
  await waitForMapIdle(page);
  const byStatus = await pixel();
  const fit = explainFills(centrePixel(byCategory), centrePixel(byStatus), categoryFills, [
    ...statusFills,
    'rgb(199, 204, 209)',
  ]);
  expect(fit.residual).toBeLessThan(6);
  expect(fit.after).toBeLessThan(statusFills.length);
  expect(fit.alpha).toBeGreaterThan(0.1);
  expect(fit.alpha).toBeLessThan(0.9);

  // Back to categories: the parcel has its category colour again.
  await page.getByTestId('legend-color-by').selectOption('category');
  await expect(legend).toHaveAttribute('data-grouping', 'category');
  await expect.poll(async () => (await pixel()).equals(byCategory), { timeout: 20_000 }).toBe(true);
});
