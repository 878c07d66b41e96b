import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';
import { storedSnapshot } from './storage-helpers';

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, unknown[]>;
}
const v4 = JSON.parse(
  readFileSync(new URL('../../src/db/fixtures/v4-database.json', import.meta.url), 'utf8'),
) as Fixture;

/**
 * R30 in Chromium: a database left by the v4 build (its stores, indexes and records as that build
 * wrote them, from the frozen fixture) is upgraded by this build on start. v5 moved the chunks to
 * `layerChunks` (keys out of line, no index): the upgrade runs in the browser's own IndexedDB here,
 * not fake-indexeddb.
 */
test('R30: a v4 database is upgraded on start: its parcels, changes and settings are all there', async ({
  page,
}) => {
  // Same origin, no app yet: the database is created as the v4 build left it (Dexie's version 4 is
  // IndexedDB version 40; its compound index names are '[a+b]').
  // (The browser asks an image page for /favicon.ico, which the app does not serve.)
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto('/favicon.svg');
  await page.evaluate(async (fixture) => {
    const keyPath = (spec: string): string | string[] =>
      spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec;
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('landstock', fixture.version * 10);
      open.onupgradeneeded = () => {
        for (const [name, spec] of Object.entries(fixture.stores)) {
          const [primary = '', ...indexes] = spec.split(',').map((s) => s.trim());
          const auto = primary.startsWith('++');
          const store = open.result.createObjectStore(name, {
            keyPath: keyPath(auto ? primary.slice(2) : primary),
            autoIncrement: auto,
          });
          for (const index of indexes) store.createIndex(index, keyPath(index));
        }
        const tx = open.transaction as IDBTransaction;
        for (const [name, rows] of Object.entries(fixture.data))
          for (const row of rows as unknown[]) tx.objectStore(name).add(row);
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
  }, v4);

  await openApp(page);
  const layers = await page.evaluate(() => window.__landstock.layers());
  expect(layers.map((l) => [l.id, l.featureCount])).toContainEqual(['demo-parcels', 2]);
  await expect
    .poll(() => page.evaluate(() => window.__landstock.parcelCategory('demo-parcels#0')))
    .toBe('idle');
  expect(await page.evaluate(() => window.__landstock.parcelCategory('demo-parcels#1'))).toBe(
    'approved-not-supplied',
  );
  const snapshot = await storedSnapshot(page);
  expect(snapshot?.layers.find((l) => l.id === 'demo-parcels')?.parcels).toBe(2);
  expect(snapshot?.orphanChunks).toBe(0);
  const stores = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('landstock');
        open.onsuccess = () => {
          const names = [...open.result.objectStoreNames];
          open.result.close();
          resolve(names);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(stores).toContain('layerChunks');
  expect(stores).not.toContain('chunks');
});
