import { describe, expect, it } from 'vitest';
import { readPmtilesInfo } from '../io/pmtiles.reader';
import { solidPng, writeTestPmtiles } from '../io/testing/pmtiles-writer';
import { AppError } from '../shared/errors';
import { type BasemapState, createBasemapSlice, type OfflineBasemapService } from './basemap-slice';

/**
 * A device store in memory with the real archive check: what the app's OPFS service does, minus
 * the browser (OPFS and MapLibre's protocol are covered by tests/e2e/basemap.spec.ts).
 */
function memoryService(): OfflineBasemapService & { stored: File | null; failLoad: boolean } {
  const service = {
    stored: null as File | null,
    failLoad: false,
    async load() {
      if (service.failLoad) throw new AppError('file-incomplete', 'gone');
      const file = service.stored;
      if (!file) return null;
      return {
        ...(await readPmtilesInfo(file)),
        name: file.name,
        size: file.size,
        url: 'pmtiles://k',
        kept: 'device' as const,
      };
    },
    async save(file: File) {
      const info = await readPmtilesInfo(file);
      service.stored = file;
      return { ...info, name: file.name, size: file.size, url: 'pmtiles://k', kept: 'device' as const };
    },
    async remove() {
      service.stored = null;
    },
  };
  return service;
}

function harness(service: OfflineBasemapService | undefined) {
  let state: BasemapState = { offlineBasemap: null, offlineBasemapBusy: false };
  const toasts: { message: string }[] = [];
  const slice = createBasemapSlice({
    service,
    set: (partial) => {
      state = { ...state, ...partial };
    },
    pushToast: (toast) => toasts.push(toast),
  });
  return { slice, state: () => state, toasts };
}

const archive = () =>
  new File([writeTestPmtiles([{ z: 0, x: 0, y: 0, data: solidPng([9, 9, 9], 4) }]) as BlobPart], 'a.pmtiles');

describe('offline basemap slice', () => {
  it('keeps a valid archive and finds it again at the next start', async () => {
    const service = memoryService();
    const first = harness(service);
    await first.slice.setOfflineBasemap(archive());
    expect(first.state().offlineBasemap).toMatchObject({ name: 'a.pmtiles', tileType: 'png', minZoom: 0 });
    expect(first.state().offlineBasemapBusy).toBe(false);
    const next = harness(service);
    await next.slice.loadOfflineBasemap();
    expect(next.state().offlineBasemap?.name).toBe('a.pmtiles');
  });

  it('refuses junk with the cause and changes nothing', async () => {
    const service = memoryService();
    const { slice, state } = harness(service);
    await slice.setOfflineBasemap(archive());
    const before = state().offlineBasemap;
    const junk = new File(['PK\u0003\u0004 not a basemap'.padEnd(300, '.')], 'b.pmtiles');
    await expect(slice.setOfflineBasemap(junk)).rejects.toMatchObject({
      code: 'file-unsupported',
      details: { problem: 'not-pmtiles' },
    });
    expect(state().offlineBasemap).toBe(before);
    expect(state().offlineBasemapBusy).toBe(false);
    expect(service.stored?.name).toBe('a.pmtiles');
  });

  it('removes it now and for the next start', async () => {
    const service = memoryService();
    const { slice, state } = harness(service);
    await slice.setOfflineBasemap(archive());
    await slice.removeOfflineBasemap();
    expect(state().offlineBasemap).toBeNull();
    const next = harness(service);
    await next.slice.loadOfflineBasemap();
    expect(next.state().offlineBasemap).toBeNull();
  });

  it('reports a stored archive that became unreadable, without failing the start', async () => {
    const service = memoryService();
    service.failLoad = true;
    const { slice, state, toasts } = harness(service);
    await slice.loadOfflineBasemap();
    expect(state().offlineBasemap).toBeNull();
    expect(toasts.map((t) => t.message)).toEqual(['offlineBasemapLost']);
  });

  it('without the service (Node, tests) loading does nothing and choosing says why', async () => {
    const { slice, state } = harness(undefined);
    await slice.loadOfflineBasemap();
    expect(state().offlineBasemap).toBeNull();
    await expect(slice.setOfflineBasemap(archive())).rejects.toBeInstanceOf(AppError);
  });
});
