import { expose, transfer } from 'comlink';
import { createExportWorkerApi } from './export-api';

/** Exports, backup packing and reading, and merges, off the UI thread (reading IndexedDB itself). */
const api = createExportWorkerApi();

/** Byte results are transferred back, not copied. */
const exposed = {
  ...api,
  async parcels(...args: Parameters<typeof api.parcels>) {
    const file = await api.parcels(...args);
    return file && file.data instanceof Uint8Array ? transfer(file, [file.data.buffer]) : file;
  },
  async backupAll(...args: Parameters<typeof api.backupAll>) {
    const result = await api.backupAll(...args);
    return transfer(result, [result.bytes.buffer]);
  },
};

export type ExportWorkerApi = typeof exposed;

expose(exposed);
