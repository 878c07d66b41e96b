import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';

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
