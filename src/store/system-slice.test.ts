import { describe, expect, it, vi } from 'vitest';
import { createSystemSlice, type StorageService, type SystemState } from './system-slice';

function harness(services: Parameters<typeof createSystemSlice>[0]['services'] = {}) {
  let state: SystemState & { importState: unknown } = {
    storageInfo: null,
    storageNoticeDismissed: false,
    updateStatus: 'none',
    importState: null,
  };
  const slice = createSystemSlice({
    services,
    get: () => state,
    set: (partial) => {
      state = { ...state, ...partial };
    },
  });
  state = { ...slice, importState: null };
  return {
    slice,
    state: () => state,
    setImport: (value: unknown) => {
      state = { ...state, importState: value };
    },
  };
}

function storage(persisted: boolean | null, granted: boolean | null): StorageService & { asked: number } {
  const service = {
    asked: 0,
    persisted: async () => persisted,
    persist: async () => {
      service.asked += 1;
      return granted;
    },
    estimate: async () => ({ usage: 12_345_678, quota: 987_654_321 }),
  };
  return service;
}

describe('unsaved input', () => {
  it('counts an open import and every registered check; unregistering removes a check', () => {
    const { slice, setImport } = harness();
    expect(slice.hasUnsavedInput()).toBe(false);
    setImport({ phase: 'reviewing' });
    expect(slice.hasUnsavedInput()).toBe(true);
    setImport(null);
    let typing = true;
    const unregister = slice.registerUnsavedInput(() => typing);
    expect(slice.hasUnsavedInput()).toBe(true);
    typing = false;
    expect(slice.hasUnsavedInput()).toBe(false);
    typing = true;
    unregister();
    expect(slice.hasUnsavedInput()).toBe(false);
  });

  it('treats a failing check as unsaved input (never risk a reload over it)', () => {
    const { slice } = harness();
    slice.registerUnsavedInput(() => {
      throw new Error('draft store unavailable');
    });
    expect(slice.hasUnsavedInput()).toBe(true);
  });
});

describe('storage', () => {
  it('asks for persistence once when not yet granted, and records the estimate', async () => {
    const service = storage(false, true);
    const { slice, state } = harness({ storage: service });
    await slice.checkStorage({ ask: true });
    expect(service.asked).toBe(1);
    expect(state().storageInfo).toEqual({ usage: 12_345_678, quota: 987_654_321, persisted: true });
  });

  it('reports a refusal (the notice shows) and does not ask again on a plain refresh', async () => {
    const service = storage(false, false);
    const { slice, state } = harness({ storage: service });
    await slice.checkStorage({ ask: true });
    expect(state().storageInfo?.persisted).toBe(false);
    await slice.checkStorage();
    expect(service.asked).toBe(1);
    slice.dismissStorageNotice();
    expect(state().storageNoticeDismissed).toBe(true);
  });

  it('does not ask when persistence is already granted', async () => {
    const service = storage(true, true);
    const { slice, state } = harness({ storage: service });
    await slice.checkStorage({ ask: true });
    expect(service.asked).toBe(0);
    expect(state().storageInfo?.persisted).toBe(true);
  });

  it('says "unknown" where the browser has no storage API or it fails', async () => {
    const { slice, state } = harness();
    await slice.checkStorage({ ask: true });
    expect(state().storageInfo).toEqual({ usage: null, quota: null, persisted: null });
    const failing: StorageService = {
      persisted: () => Promise.reject(new Error('no')),
      persist: () => Promise.reject(new Error('no')),
      estimate: () => Promise.reject(new Error('no')),
    };
    const other = harness({ storage: failing });
    await other.slice.checkStorage({ ask: true });
    expect(other.state().storageInfo).toEqual({ usage: null, quota: null, persisted: null });
  });
});

describe('updates', () => {
  it('waits for the user: waiting → declined keeps running; apply activates once', () => {
    const apply = vi.fn();
    const { slice, state } = harness({ updates: { apply } });
    slice.setUpdateStatus('waiting');
    expect(state().updateStatus).toBe('waiting');
    slice.declineUpdate();
    expect(state().updateStatus).toBe('declined');
    expect(apply).not.toHaveBeenCalled();
    slice.setUpdateStatus('waiting');
    slice.applyUpdate();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(state().updateStatus).toBe('applying');
    slice.setUpdateStatus('waiting');
    expect(state().updateStatus).toBe('applying');
  });
});
