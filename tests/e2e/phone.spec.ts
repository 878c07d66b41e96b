import type { Page } from '@playwright/test';
import { expect, largestParcel, openApp, test, waitForMapIdle } from './fixtures';

// A phone held in one hand: 375 px wide, touch.
test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

const WIDTH = 375;
const HEIGHT = 740;

/** Every visible button (and the map's controls) is at least 44 × 44 CSS px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, [role="tab"], summary')) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      // Only what is on screen (a button scrolled off in the toolbar strip is still measured when visible).
      if (box.bottom <= 0 || box.top >= window.innerHeight) continue;
      if (box.width < 44 || box.height < 44)
        small.push(
          `${element.dataset.testid ?? element.textContent?.trim() ?? element.className} ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return small;
  });
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  expect(widths.document).toBeLessThanOrEqual(WIDTH);
  expect(widths.body).toBeLessThanOrEqual(WIDTH);
}

/** Taps inside a parcel (touch) until it is selected: software WebGL may still be placing features. */
async function tapParcel(page: Page, id: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    await waitForMapIdle(page);
    const point = await page.evaluate((parcelId) => window.__landstock.screenPointOfParcel(parcelId), id);
    const box = await page.getByTestId('map').boundingBox();
    if (!point || !box) throw new Error('parcel or map not on screen');
    await page.touchscreen.tap(box.x + point.x, box.y + point.y);
    try {
      await page.waitForFunction((want) => window.__landstock.selectedId() === want, id, { timeout: 5000 });
      return;
    } catch {
      // Not selected yet: tap again.
    }
  }
  throw new Error(`tapping parcel ${id} did not select it`);
}

test('on a 375 px phone: map first, menu, bottom sheet with the parcel, 44 px targets, no sideways scroll', async ({
  page,
}) => {
  await openApp(page);
  await noHorizontalScroll(page);

  // The map takes most of the screen; the collapsed sheet is only its handle.
  const map = await page.getByTestId('map').boundingBox();
  const sheet = await page.getByTestId('side-panel').boundingBox();
  if (!map || !sheet) throw new Error('map or panel missing');
  expect(map.width).toBeGreaterThanOrEqual(WIDTH - 1);
  const visibleMapHeight = Math.min(map.y + map.height, sheet.y) - map.y;
  expect(visibleMapHeight / HEIGHT).toBeGreaterThan(0.7);
  await expect(page.getByTestId('sheet-handle')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('inspector-empty')).toBeHidden();
  // The header's actions are folded into a menu.
  await expect(page.getByTestId('open-settings')).toBeHidden();
  expect(await smallTargets(page)).toEqual([]);

  // Tapping a parcel opens the sheet with its area, in 亩 (1 亩 = 10,000/15 m²), on screen.
  const id = await largestParcel(page);
  const areaM2 = (await page.evaluate(() => window.__landstock.parcelAreas())).find(
    (p) => p.id === id,
  )?.areaM2;
  if (areaM2 === undefined) throw new Error('no area');
  await tapParcel(page, id);
  await expect(page.getByTestId('sheet-handle')).toHaveAttribute('aria-expanded', 'true');
  const area = page.getByTestId('parcel-area');
  await expect(area).toBeVisible();
  await expect(area).toContainText(((areaM2 * 15) / 10_000).toFixed(2));
  await area.scrollIntoViewIfNeeded();
  const areaBox = await area.boundingBox();
  expect(areaBox && areaBox.y + areaBox.height <= HEIGHT && areaBox.x + areaBox.width <= WIDTH).toBe(true);
  // The sheet leaves part of the map visible, and the parcel was brought into that part.
  const openSheet = await page.getByTestId('side-panel').boundingBox();
  expect(openSheet?.y ?? 0).toBeGreaterThan(HEIGHT * 0.3);
  await expect
    .poll(async () => {
      await waitForMapIdle(page);
      const point = await page.evaluate((parcelId) => window.__landstock.screenPointOfParcel(parcelId), id);
      const mapTop = (await page.getByTestId('map').boundingBox())?.y ?? 0;
      return point ? mapTop + point.y < (openSheet?.y ?? 0) : false;
    })
    .toBe(true);
  await noHorizontalScroll(page);
  expect(await smallTargets(page)).toEqual([]);

  // The handle closes the sheet (the parcel stays selected) and opens it again.
  await page.getByTestId('sheet-handle').tap();
  await expect(page.getByTestId('sheet-handle')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('inspector')).toBeHidden();
  expect(await page.evaluate(() => window.__landstock.selectedId())).toBe(id);
  await page.getByTestId('sheet-handle').tap();
  await expect(page.getByTestId('inspector')).toBeVisible();
  // Closing the parcel closes the sheet.
  await page.getByTestId('inspector').getByRole('button', { name: '关闭' }).first().tap();
  await expect(page.getByTestId('sheet-handle')).toHaveAttribute('aria-expanded', 'false');
  expect(await page.evaluate(() => window.__landstock.selectedId())).toBeNull();

  // The menu holds the header's actions as large buttons; a tap on the map closes it.
  await page.getByTestId('menu-toggle').tap();
  await expect(page.getByTestId('open-settings')).toBeVisible();
  await page.touchscreen.tap(30, HEIGHT - 140);
  await expect(page.getByTestId('open-settings')).toBeHidden();
  // Settings fits the screen.
  await page.getByTestId('menu-toggle').tap();
  await expect(page.getByTestId('open-settings')).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  await page.getByTestId('open-settings').tap();
  await expect(page.getByTestId('open-settings')).toBeHidden();
  const dialog = await page.getByRole('dialog').boundingBox();
  expect(dialog && dialog.x >= 0 && dialog.x + dialog.width <= WIDTH).toBe(true);
  await noHorizontalScroll(page);
});
