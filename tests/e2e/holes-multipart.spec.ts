import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { decodeChunk, type StoredChunk } from '../../src/db/chunk-codec';
import type { ParcelRecord } from '../../src/domain/parcel';
import { clickParcel, expect, openApp, test, waitForMapIdle } from './fixtures';

type Ring = [number, number][];

/** An axis-aligned square ring, counter-clockwise (RFC 7946 outer), or clockwise for a hole. */
function square(west: number, south: number, size: number, hole = false): Ring {
  const ring: Ring = [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
  return hole ? ring.reverse() : ring;
}

// Inside the demo county's extent (110.21–110.39°E, 25.22–25.38°N), so they are on screen at start.
const HOLED = {
  type: 'Polygon',
  coordinates: [
    square(110.24, 25.34, 0.03),
    square(110.245, 25.345, 0.006, true),
    square(110.26, 25.36, 0.006, true),
  ],
};
const MULTI = {
  type: 'MultiPolygon',
  coordinates: [
    [square(110.33, 25.24, 0.012)],
    [square(110.35, 25.24, 0.012)],
    [square(110.37, 25.24, 0.012)],
  ],
};
const PLAIN = { type: 'Polygon', coordinates: [square(110.3, 25.33, 0.02)] };

const collection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { ZDDM: 'R63-HOLES' }, geometry: HOLED },
    { type: 'Feature', properties: { ZDDM: 'R63-MULTI' }, geometry: MULTI },
    { type: 'Feature', properties: { ZDDM: 'R63-PLAIN' }, geometry: PLAIN },
  ],
};

interface Stored {
  geometry: { type: string; coordinates: unknown };
  version: number;
  changes: number;
}

/** The parcel's stored record and its change-log entries, read straight from IndexedDB (not through the app). */
async function stored(page: Page, id: string): Promise<Stored> {
  const raw = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('landstock');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = <T>(store: string): Promise<T[]> =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const chunks = await read<unknown>('layerChunks');
    const changes = await read<{ parcelId: string }>('changes');
    db.close();
    return { chunks, changes };
  });
  // Stored chunks may be packed: decoded here with the app's own codec (typed arrays survive page.evaluate).
  const record = raw.chunks
    .map((c) => decodeChunk(c as StoredChunk))
    .flatMap((c) => (c.kind === 'parcels' ? (c.items as ParcelRecord[]) : []))
    .find((p) => p.id === id);
  if (!record) throw new Error(`parcel ${id} is not stored`);
  return {
    geometry: record.geometry,
    version: record.version,
    changes: raw.changes.filter((c) => c.parcelId === id).length,
  };
}

const hash = (geometry: unknown) => createHash('sha256').update(JSON.stringify(geometry)).digest('hex');

/** Ring and vertex counts of a (Multi)Polygon: what the editor must not lose. */
function shapeOf(geometry: { type: string; coordinates: unknown }): number[][] {
  const polygons = (
    geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates]
  ) as number[][][][];
  return polygons.map((rings) => rings.map((ring) => ring.length));
}

test('R63: a parcel with 2 holes and a 3-part MultiPolygon: opening the editor and cancelling changes nothing', async ({
  page,
}) => {
  await openApp(page);
  const before = await page.evaluate(() => window.__landstock.parcelCount());
  await page.getByTestId('import-input').setInputFiles({
    name: 'holes-multipart.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(collection)),
  });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-layer')).toHaveCount(1);
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('import-close').click();
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(before + 3));
  await waitForMapIdle(page);
  const layer = await page.evaluate(
    () => window.__landstock.layers().find((l) => l.name.includes('holes-multipart'))?.id,
  );
  if (!layer) throw new Error('imported layer not listed');
  const ids = [0, 1, 2].map((seq) => `${layer}#${seq}`);
  const [holedId, multiId, plainId] = ids as [string, string, string];

  // Imported whole: every ring and part kept, checked against the file itself.
  const holed = await stored(page, holedId);
  const multi = await stored(page, multiId);
  expect(shapeOf(holed.geometry)).toEqual(shapeOf(HOLED));
  expect(shapeOf(multi.geometry)).toEqual(shapeOf(MULTI));

  const toolbar = page.getByTestId('field-toolbar');
  for (const id of [holedId, multiId]) {
    const start = await stored(page, id);
    await clickParcel(page, id);
    await expect.poll(() => page.evaluate(() => window.__landstock.selectedId())).toBe(id);
    await toolbar.getByTestId('edit-shape').click();
    // The editor refuses the shape and says so; nothing is opened that could be cancelled wrongly.
    await expect(
      page.getByText('该宗地含内环或多个部分，无法在此编辑；其形状保持原样。').last(),
    ).toBeVisible();
    await expect(toolbar.getByTestId('edit-done')).toHaveCount(0);
    if (await toolbar.getByTestId('draw-cancel').count()) await toolbar.getByTestId('draw-cancel').click();
    const after = await stored(page, id);
    expect(hash(after.geometry)).toBe(hash(start.geometry));
    expect(after.version).toBe(start.version);
    expect(after.changes).toBe(start.changes);
    expect(after.changes).toBe(0);
    await page.getByTestId('inspector').getByRole('button', { name: '关闭' }).first().click();
    await expect.poll(() => page.evaluate(() => window.__landstock.selectedId())).toBeNull();
  }

  // A plain polygon does open in the editor; cancelling it also leaves the record as it was.
  const plain = await stored(page, plainId);
  await clickParcel(page, plainId);
  await toolbar.getByTestId('edit-shape').click();
  await expect(toolbar.getByTestId('edit-done')).toBeVisible();
  await toolbar.getByTestId('draw-cancel').click();
  await expect(toolbar.getByTestId('edit-done')).toHaveCount(0);
  await waitForMapIdle(page);
  const plainAfter = await stored(page, plainId);
  expect(hash(plainAfter.geometry)).toBe(hash(plain.geometry));
  expect(plainAfter.version).toBe(plain.version);
  expect(plainAfter.changes).toBe(0);

  // Done without moving anything: every stored vertex comes back exactly (the file's coordinates
  // have more decimals than the editor keeps, e.g. 25.349999999999998).
  expect(JSON.stringify(PLAIN.coordinates)).toMatch(/\.\d{10,}/);
  await toolbar.getByTestId('edit-shape').click();
  await toolbar.getByTestId('edit-done').click();
  await expect(toolbar.getByTestId('edit-done')).toHaveCount(0);
  await waitForMapIdle(page);
  expect(hash((await stored(page, plainId)).geometry)).toBe(hash(plain.geometry));
  expect(await page.evaluate(() => window.__landstock.parcelCount())).toBe(before + 3);
});
