import type { Page } from '@playwright/test';
import { clickParcel, expect, largestParcel, openApp, test, waitForReady } from './fixtures';
import { generatedParcels, type StoredSnapshot, storedSnapshot } from './storage-helpers';

const WRITE_STARTED = '__landstock_test:write-started';

/** Installed in the page and in each worker: logs a marker when a read-write transaction over `wanted` starts. */
function watchTransactions({ wanted, marker }: { wanted: string[]; marker: string }): void {
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    names: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ) {
    const list = typeof names === 'string' ? [names] : [...names];
    if (mode === 'readwrite' && wanted.every((w) => list.includes(w))) console.log(marker);
    return original.call(this, names, mode, options);
  } as typeof original;
}

/**
 * Test-only instrumentation: calls `handler` when the page or one of its workers (the import writes
 * from its worker) starts a read-write IndexedDB transaction over the given object stores. It
 * observes; it changes nothing.
 */
async function onWriteTransaction(page: Page, stores: string[], handler: () => void): Promise<void> {
  page.on('console', (message) => {
    if (message.text() === WRITE_STARTED) handler();
  });
  page.on('worker', (worker) => {
    void worker.evaluate(watchTransactions, { wanted: stores, marker: WRITE_STARTED }).catch(() => undefined);
  });
  await page.addInitScript(watchTransactions, { wanted: stores, marker: WRITE_STARTED });
}

/** After a restart: every layer added since `before` is whole, earlier ones unchanged, the app shows what is stored. */
async function expectNoPartialLayer(
  page: Page,
  before: StoredSnapshot | null,
  count: number,
): Promise<StoredSnapshot | null> {
  const after = await storedSnapshot(page);
  expect(after?.orphanChunks).toBe(0);
  const added = (after?.layers ?? []).filter((l) => !before?.layers.some((b) => b.id === l.id));
  for (const layer of added) {
    expect(layer.parcels).toBe(count);
    expect(layer.featureCount).toBe(count);
    expect(layer.distinctIds).toBe(count);
  }
  for (const layer of before?.layers ?? []) expect(after?.layers).toContainEqual(layer);
  expect(after?.patrols).toEqual(before?.patrols);
  const shown = await page.evaluate(() => window.__landstock.parcelCount());
  const storedParcels = (after?.layers ?? [])
    .filter((l) => l.role === 'parcels')
    .reduce((sum, l) => sum + l.parcels, 0);
  expect(shown).toBe(storedParcels);
  return after;
}

test('R27: a reload while a 50,000-parcel import is being prepared or written leaves no layer or the whole layer, never part of one', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const count = 50_000;
  const json = Buffer.from(JSON.stringify(generatedParcels(count, 110.6)));
  let writing = false;
  await onWriteTransaction(page, ['layers', 'layerChunks'], () => {
    writing = true;
  });
  await openApp(page);
  const before = await storedSnapshot(page);
  const outcomes: string[] = [];
  // Once while the worker prepares (soon after commit), once the moment the write transaction starts.
  for (const when of ['preparing', 'writing'] as const) {
    writing = false;
    await page.getByTestId('import-input').setInputFiles({
      name: `big-${when}.geojson`,
      mimeType: 'application/geo+json',
      buffer: json,
    });
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByTestId('import-commit')).toBeEnabled({ timeout: 120_000 });
    await dialog.getByTestId('import-commit').click();
    await expect(dialog.getByTestId('import-progress')).toBeVisible();
    if (when === 'preparing') await page.waitForTimeout(500);
    else await expect.poll(() => writing, { timeout: 180_000, intervals: [20] }).toBe(true);
    await page.reload();
    await waitForReady(page);

    const after = await expectNoPartialLayer(page, before, count);
    const added = (after?.layers ?? []).filter((l) => !before?.layers.some((b) => b.id === l.id));
    outcomes.push(`${when}: ${added.length === 0 ? 'no layer' : 'whole layer'}`);
    if (before) before.layers = after?.layers ?? before.layers;
  }
  test.info().annotations.push({ type: 'outcomes', description: outcomes.join('; ') });
});

test('R27: the renderer crashing the moment a 50,000-parcel import starts writing leaves no layer or the whole layer', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const count = 50_000;
  const cdp = await context.newCDPSession(page);
  // Armed after the first start (which stores the demo county the same way).
  let armed = false;
  await onWriteTransaction(page, ['layers', 'layerChunks'], () => {
    if (!armed) return;
    armed = false;
    void cdp.send('Page.crash').catch(() => undefined);
  });
  await openApp(page);
  const before = await storedSnapshot(page);
  armed = true;
  await page.getByTestId('import-input').setInputFiles({
    name: 'big-crash.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(generatedParcels(count, 110.6))),
  });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-commit')).toBeEnabled({ timeout: 120_000 });
  const crashed = page.waitForEvent('crash', { timeout: 180_000 });
  await dialog.getByTestId('import-commit').click();
  await crashed;

  const reopened = await context.newPage();
  await openApp(reopened);
  const after = await expectNoPartialLayer(reopened, before, count);
  const added = (after?.layers.length ?? 0) - (before?.layers.length ?? 0);
  test.info().annotations.push({ type: 'outcome', description: added === 0 ? 'no layer' : 'whole layer' });
});

test('R28: the renderer crashing during a patrol save leaves the patrol whole (with its photo) or not at all, its note in the draft', async ({
  page,
  context,
}) => {
  const cdp = await context.newCDPSession(page);
  let crashing = false;
  await onWriteTransaction(page, ['patrols', 'photos'], () => {
    if (crashing) return;
    crashing = true;
    void cdp.send('Page.crash').catch(() => undefined);
  });
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  const note = '崩溃时正在保存的巡查记录';
  await page.getByTestId('patrol-notes').fill(note);
  await page.getByTestId('patrol-photo-input').setInputFiles('tests/e2e/site-photo.png');
  await expect(page.getByTestId('patrol-photo-count')).toContainText('1');
  await expect
    .poll(async () => (await storedSnapshot(page))?.drafts.find((d) => d.key === `patrol:${id}`)?.value)
    .toMatchObject({ notes: note });
  const crashed = page.waitForEvent('crash');
  // The click itself may be cut short by the crash.
  await page
    .getByTestId('patrol-save')
    .click({ noWaitAfter: true })
    .catch(() => undefined);
  await crashed;

  const reopened = await context.newPage();
  await openApp(reopened);
  const stored = await storedSnapshot(reopened);
  const patrol = stored?.patrols.find((p) => p.parcelId === id && p.notes === note);
  if (patrol) {
    expect(patrol.photoIds).toHaveLength(1);
    for (const photoId of patrol.photoIds) expect(stored?.photoIds).toContain(photoId);
  } else {
    expect(stored?.patrols.filter((p) => p.parcelId === id)).toEqual([]);
    expect(stored?.drafts.find((d) => d.key === `patrol:${id}`)?.value).toMatchObject({ notes: note });
    await clickParcel(reopened, id);
    await reopened.getByTestId('tab-patrol').click();
    await expect(reopened.getByTestId('patrol-notes')).toHaveValue(note);
  }
  // No photo without its patrol.
  const referenced = new Set(stored?.patrols.flatMap((p) => p.photoIds));
  for (const photoId of stored?.photoIds ?? []) expect(referenced.has(photoId)).toBe(true);
  test.info().annotations.push({ type: 'outcome', description: patrol ? 'saved whole' : 'kept as draft' });
});

test('R28: the renderer crashing while a note is typed keeps the note (all but the last keystrokes) for the next start', async ({
  page,
  context,
}) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  const note = '正在输入的记录，还没有保存';
  await page.getByTestId('patrol-notes').pressSequentially(note, { delay: 20 });
  await expect
    .poll(async () => (await storedSnapshot(page))?.drafts.find((d) => d.key === `patrol:${id}`)?.value)
    .toMatchObject({ notes: note });
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;

  const reopened = await context.newPage();
  await openApp(reopened);
  await clickParcel(reopened, id);
  await reopened.getByTestId('tab-patrol').click();
  await expect(reopened.getByTestId('patrol-notes')).toHaveValue(note);
});
