import { readFileSync } from 'node:fs';
import { clickParcel, expect, openApp, test } from './fixtures';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const demo = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as {
  features: { geometry: unknown }[];
};

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const FILE_NAME = '<img src=x onerror=window.__pwned=3>.geojson';
const TOWNSHIP = '<img src=x onerror=window.__pwned=4>乡';
const PARK = '<b onmouseover=window.__pwned=5>园区</b>';
const KEY = '<img src=x onerror=window.__pwned=6>';

/** The demo county's shapes (some cross the farmland: the conflict list shows them) with hostile attributes. */
function hostileLayer(): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: demo.features.map((feature, i) => ({
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        ZDDM: `${SCRIPT}${i}`,
        QLR: IMG,
        XZMC: TOWNSHIP,
        YQMC: PARK,
        [KEY]: 'javascript:alert(1)',
        // Computed keys: own properties named __proto__ / constructor, as JSON.parse makes them.
        ['__proto__']: '<i>proto</i>',
        ['constructor']: '<u>ctor</u>',
      },
    })),
  });
}

test('R49/R50: hostile attribute names and values are shown as text everywhere and run nothing', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  const prototypeBefore = await page.evaluate(() => ({
    keys: Object.getOwnPropertyNames(Object.prototype).sort(),
    constructorIsObject: {}.constructor === Object,
  }));
  await page.getByTestId('import-input').setInputFiles({
    name: FILE_NAME,
    mimeType: 'application/geo+json',
    buffer: Buffer.from(hostileLayer()),
  });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-commit')).toBeEnabled({ timeout: 60_000 });
  await expect(dialog).toContainText('<img src=x onerror=window.__pwned=3>');
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 120_000 });
  await dialog.getByTestId('import-close').click();

  // Layer list: the file name is the layer name, as text.
  await expect(
    page.getByTestId('layer-parcels').filter({ hasText: '<img src=x onerror=window.__pwned=3>' }),
  ).toHaveCount(1);

  // Inspector: a parcel of the hostile layer (drawn above the demo copy).
  const areas = await page.evaluate(() => window.__landstock.parcelAreas());
  const imported = areas.filter((a) => !a.id.startsWith('demo-'));
  const largest = imported.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
  await clickParcel(page, largest.id);
  await expect.poll(() => page.evaluate(() => window.__landstock.selectedId())).not.toMatch(/^demo-/);
  const attributes = page.getByTestId('attributes');
  for (const text of [
    IMG,
    KEY,
    'javascript:alert(1)',
    '__proto__',
    '<i>proto</i>',
    'constructor',
    '<u>ctor</u>',
  ])
    await expect(attributes).toContainText(text);
  await expect(page.getByTestId('inspector')).toContainText(SCRIPT);

  // Conflict list: hostile codes as text.
  await expect(page.getByTestId('conflict-list')).toContainText(SCRIPT);

  // Reports: the attribute table, and statistics grouped by township.
  await page.getByTestId('open-reports').click();
  await page.getByTestId('table-search').fill('__pwned=2');
  await expect(page.getByTestId('table-row').first()).toContainText(SCRIPT);
  await page.getByTestId('reports-tab-statistics').click();
  await page.getByTestId('grouping-township').click();
  await expect(page.getByTestId('statistics').getByTestId('stats-table-township').first()).toContainText(
    TOWNSHIP,
  );

  // Nothing ran, nothing became markup, nothing was polluted.
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], script:not([src]), b[onmouseover]')).toHaveCount(0);
  const prototypeAfter = await page.evaluate(() => ({
    keys: Object.getOwnPropertyNames(Object.prototype).sort(),
    constructorIsObject: {}.constructor === Object,
  }));
  expect(prototypeAfter).toEqual(prototypeBefore);
});
