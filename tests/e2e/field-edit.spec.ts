import type { Page } from '@playwright/test';
import { expect, largestParcel, openApp, test, waitForMapIdle, waitForReady } from './fixtures';

const MU = 10_000 / 15;

async function mapBox(page: Page) {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map');
  return box;
}

/** Clicks inside a parcel until it is the selection (software WebGL may still be placing features). */
async function selectOnMap(page: Page, id: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    await waitForMapIdle(page);
    const point = await page.evaluate((parcelId) => window.__landstock.screenPointOfParcel(parcelId), id);
    if (!point) throw new Error(`parcel ${id} not on screen`);
    const box = await mapBox(page);
    await page.mouse.click(box.x + point.x, box.y + point.y);
    try {
      await page.waitForFunction((want) => window.__landstock.selectedId() === want, id, { timeout: 4000 });
      return;
    } catch {
      // try again
    }
  }
  throw new Error(`could not select ${id}`);
}

/** Zooms the map in on a parcel until it is at least `pixels` wide on screen. */
async function zoomOnto(page: Page, id: string, pixels: number): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await waitForMapIdle(page);
    const b = await page.evaluate((parcelId) => window.__landstock.screenBoxOfParcel(parcelId), id);
    if (!b) throw new Error('parcel not found');
    if (b.maxX - b.minX >= pixels) return;
    const box = await mapBox(page);
    await page.mouse.move(box.x + (b.minX + b.maxX) / 2, box.y + (b.minY + b.maxY) / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(400);
  }
}

/** The drawing draft record as stored ({ key, value, savedAt }; raw IndexedDB, read only). */
const storedDraft = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('landstock');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('drafts', 'readonly').objectStore('drafts').get('drawing');
          get.onsuccess = () => {
            db.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );

const areasOf = async (page: Page) =>
  new Map(await page.evaluate(() => window.__landstock.parcelAreas().map((p) => [p.id, p.areaM2] as const)));

test('split a parcel along a line drawn by clicks, merge the parts back, undo the merge', async ({
  page,
}) => {
  await openApp(page);
  const before = await areasOf(page);
  const id = await largestParcel(page);
  const originalM2 = before.get(id) as number;
  await selectOnMap(page, id);
  await zoomOnto(page, id, 240);
  await selectOnMap(page, id);
  await page.locator('.snap-toggle input').uncheck();

  await page.getByTestId('split-parcel').click();
  const b = await page.evaluate((parcelId) => window.__landstock.screenBoxOfParcel(parcelId), id);
  if (!b) throw new Error('no box');
  const box = await mapBox(page);
  const y = box.y + b.minY + (b.maxY - b.minY) * 0.5;
  for (const x of [box.x + b.minX - 25, box.x + b.maxX + 25]) {
    await page.mouse.move(x, y);
    await page.mouse.click(x, y);
  }
  await expect(page.getByTestId('draw-vertices')).toContainText('2');
  await page.getByTestId('split-finish').click();
  await expect(page.getByText(/已分割为 \d+ 宗/)).toBeVisible();

  const after = await areasOf(page);
  expect(after.has(id)).toBe(false);
  const parts = [...after.keys()].filter((k) => !before.has(k));
  expect(parts.length).toBeGreaterThanOrEqual(2);
  expect(after.size).toBe(before.size - 1 + parts.length);
  const sumM2 = parts.reduce((s, p) => s + (after.get(p) as number), 0);
  expect(Math.abs(sumM2 - originalM2) / MU).toBeLessThan(0.01);

  await page.reload();
  await waitForReady(page);
  const reloaded = await areasOf(page);
  expect(reloaded.has(id)).toBe(false);
  for (const p of parts) expect(reloaded.get(p)).toBeCloseTo(after.get(p) as number, 6);

  // Merge two of the parts (they share the cut): pick one, then the other on the map; keep the second.
  const [a, c] = parts as [string, string];
  await zoomOnto(page, a, 120);
  await selectOnMap(page, a);
  await page.getByTestId('merge-parcels').click();
  await selectOnMap(page, c);
  await expect(page.getByTestId('merge-count')).toHaveText('2');
  await page.getByTestId('merge-next').click();
  await page.getByTestId(`merge-survivor-${c}`).check();
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByText(/已合并为宗地/)).toBeVisible();
  const merged = await areasOf(page);
  expect(merged.has(a)).toBe(false);
  expect(
    Math.abs((merged.get(c) as number) - (after.get(a) as number) - (after.get(c) as number)) / MU,
  ).toBeLessThan(0.01);
  // The merge is one undoable step: undo brings the removed part back, redo merges again.
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await areasOf(page)).has(a)).toBe(true);
  expect((await areasOf(page)).get(c)).toBeCloseTo(after.get(c) as number, 6);
  await page.getByTestId('redo').click();
  await expect.poll(async () => (await areasOf(page)).has(a)).toBe(false);
  await page.reload();
  await waitForReady(page);
  const mergedReloaded = await areasOf(page);
  expect(mergedReloaded.has(a)).toBe(false);
  expect(mergedReloaded.get(c)).toBeCloseTo(merged.get(c) as number, 6);
});

test('undo and redo vertices while drawing; a half-drawn polygon survives a renderer crash', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  const before = await page.evaluate(() => window.__landstock.parcelCount());
  const box = await mapBox(page);
  await page.locator('.snap-toggle input').uncheck();
  await page.getByTestId('draw-polygon').click();
  const corners = [
    [box.x + 40, box.y + box.height - 160],
    [box.x + 140, box.y + box.height - 160],
    [box.x + 140, box.y + box.height - 60],
    [box.x + 40, box.y + box.height - 60],
  ] as const;
  for (const [x, y] of corners.slice(0, 3)) {
    await page.mouse.move(x, y);
    await page.mouse.click(x, y);
  }
  const count = page.getByTestId('draw-vertices');
  await expect(count).toContainText('3');
  await page.getByTestId('undo-vertex').click();
  await expect(count).toContainText('2');
  await page.getByTestId('redo-vertex').click();
  await expect(count).toContainText('3');
  await page.keyboard.press('Control+z');
  await expect(count).toContainText('2');
  await page.keyboard.press('Control+y');
  await expect(count).toContainText('3');
  // The header's undo/redo act on the vertices while drawing, not on an earlier finished edit.
  await page.getByTestId('undo').click();
  await expect(count).toContainText('2');
  await page.getByTestId('redo').click();
  await expect(count).toContainText('3');
  type Draft = { value: { kind: string; points: number[][] }; savedAt: string } | null;
  await expect.poll(async () => ((await storedDraft(page)) as Draft)?.value.points.length).toBe(3);
  const saved = (await storedDraft(page)) as Draft;

  const cdp = await context.newCDPSession(page);
  // Page.crash never answers (the renderer is gone): wait for the crash event instead.
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  const next = await context.newPage();
  const errors: string[] = [];
  next.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openApp(next);
  await expect(next.getByTestId('draft-offer')).toContainText('3');
  await next.getByTestId('draft-continue').click();
  await expect(next.getByTestId('draw-vertices')).toContainText('3');
  // The polygon being drawn again reports (and saves anew) exactly the saved vertices.
  await expect.poll(async () => ((await storedDraft(next)) as Draft)?.savedAt).not.toBe(saved?.savedAt);
  expect(((await storedDraft(next)) as Draft)?.value).toEqual(saved?.value);
  for (const [x, y] of [corners[3], corners[0]]) {
    await next.mouse.move(x, y);
    await next.mouse.click(x, y);
  }
  await expect.poll(() => next.evaluate(() => window.__landstock.parcelCount())).toBe(before + 1);
  const drawnId = await next.evaluate(() => window.__landstock.selectedId());
  expect(drawnId).toMatch(/^drawn#/);
  await next.reload();
  await waitForReady(next);
  expect(await next.evaluate(() => window.__landstock.parcelIds())).toContain(drawnId);
  await expect(next.getByTestId('draft-offer')).toHaveCount(0);
  expect(await storedDraft(next)).toBeNull();
  expect(errors).toEqual([]);
});
